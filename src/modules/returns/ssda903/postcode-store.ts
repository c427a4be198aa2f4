/**
 * The reference data's SQL: the postcode reference (the ONS Postcode Directory, or the synthetic
 * table) and the Ofsted provider list, loaded in batches, and looked up only for the postcodes
 * and URNs one return uses.
 */
import { sql } from 'kysely'
import type { Db } from '../../../platform/db/database.js'
import type { PostcodeLookup, PostcodePoint, ProviderLookup } from './placement.js'
import {
  SYNTHETIC_POSTCODES_FILE,
  readPostcodeDirectory,
  unitSector,
  type DirectoryProgress,
  type PostcodeRecord,
} from './postcode-directory.js'
import { readProviderList } from './provider-list.js'
import type { ProviderFacts } from './rule.js'
import { decodeFile } from './text-source.js'

export { SYNTHETIC_POSTCODES_FILE }

export type PostcodeSource = 'ons' | 'synthetic'

export interface PostcodeLoad {
  /** Rows written (postcodes and sectors). */
  written: number
  /** Rows of the file that were not a postcode. */
  skipped: number
  /** Rows of earlier loads removed (gone from the directory, or the synthetic table replaced). */
  removed: number
}

/** Write one batch: one statement, a text array per column. */
async function upsert(
  db: Db,
  rows: readonly PostcodeRecord[],
  source: PostcodeSource,
  loadId: string,
): Promise<void> {
  const col = <T>(pick: (r: PostcodeRecord) => T): T[] => rows.map(pick)
  await sql`
    insert into postcode (postcode, kind, easting, northing, la_code, upper_la_code, source, load_id)
    select p, k, e, n, la, ula, ${source}, ${loadId}
    from unnest(
      ${col((r) => r.postcode)}::text[], ${col((r) => r.kind)}::text[],
      ${col((r) => r.easting)}::integer[], ${col((r) => r.northing)}::integer[],
      ${col((r) => r.la)}::text[], ${col((r) => r.upperLa)}::text[]
    ) as t(p, k, e, n, la, ula)
    on conflict (postcode) do update set
      kind = excluded.kind, easting = excluded.easting, northing = excluded.northing,
      la_code = excluded.la_code, upper_la_code = excluded.upper_la_code,
      source = excluded.source, load_id = excluded.load_id
  `.execute(db)
}

/**
 * Load a postcode directory file. Re-loading is safe: each postcode is written over, and when the
 * load has finished the rows an earlier load of the same source wrote that this one did not are
 * removed. Loading the ONS directory removes the synthetic table, whose grid references are made up.
 */
export async function loadPostcodeFile(
  db: Db,
  file: string,
  options: { source?: PostcodeSource; onProgress?: (rows: number) => void; progressEvery?: number } = {},
): Promise<PostcodeLoad> {
  const source = options.source ?? 'ons'
  const loadId = `${new Date().toISOString()} ${process.pid}`
  const progress: DirectoryProgress = { rows: 0, skipped: 0 }
  const every = options.progressEvery ?? 100_000
  let written = 0
  let reported = 0
  for await (const batch of readPostcodeDirectory(decodeFile(file), { progress })) {
    await upsert(db, batch, source, loadId)
    written += batch.length
    if (options.onProgress && progress.rows - reported >= every) {
      reported = progress.rows
      options.onProgress(progress.rows)
    }
  }
  const stale = await db
    .deleteFrom('postcode')
    .where((eb) =>
      eb.or([
        eb.and([eb('source', '=', source), eb('load_id', '<>', loadId)]),
        ...(source === 'ons' ? [eb('source', '=', 'synthetic')] : []),
      ]),
    )
    .executeTakeFirst()
  options.onProgress?.(progress.rows)
  return { written, skipped: progress.skipped, removed: Number(stale.numDeletedRows) }
}

/** Outside production, on first run: the synthetic table, when the reference is empty. */
export async function loadSyntheticPostcodesIfEmpty(db: Db): Promise<boolean> {
  const any = await db.selectFrom('postcode').select('postcode').limit(1).executeTakeFirst()
  if (any) return false
  await loadPostcodeFile(db, SYNTHETIC_POSTCODES_FILE, { source: 'synthetic' })
  return true
}

/** Look postcodes up in the reference: one query for all the keys a return uses. */
export function postcodeLookup(db: Db): PostcodeLookup {
  return async (keys) => {
    const found = new Map<string, PostcodePoint>()
    if (keys.size === 0) return found
    const rows = await db
      .selectFrom('postcode')
      .select(['postcode', 'easting', 'northing', 'upper_la_code'])
      .where(sql<boolean>`postcode = any(${[...keys]}::text[])`)
      .execute()
    for (const r of rows)
      found.set(r.postcode, { easting: r.easting, northing: r.northing, la: r.upper_la_code })
    // The synthetic table holds sectors only, and the synthetic returns make up a unit's last two
    // letters: a unit it lacks stands at its synthetic sector. Never the ONS directory's sectors:
    // a real postcode the directory lacks is reported as unknown, not guessed.
    const missing = [...keys].filter((k) => !found.has(k) && k.length > 4)
    if (missing.length === 0) return found
    const sectors = await db
      .selectFrom('postcode')
      .select(['postcode', 'easting', 'northing', 'upper_la_code'])
      .where('source', '=', 'synthetic')
      .where('kind', '=', 'sector')
      .where(sql<boolean>`postcode = any(${[...new Set(missing.map(unitSector))]}::text[])`)
      .execute()
    const bySector = new Map(sectors.map((r) => [r.postcode, r]))
    for (const k of missing) {
      const r = bySector.get(unitSector(k))
      if (r) found.set(k, { easting: r.easting, northing: r.northing, la: r.upper_la_code })
    }
    return found
  }
}

// ---------------------------------------------------------------------------------------------
// The Ofsted provider list

/** Load a provider list (provider-list.ts); a re-load replaces the list. */
export async function loadProviderFile(db: Db, file: string): Promise<{ written: number; removed: number }> {
  const loadId = `${new Date().toISOString()} ${process.pid}`
  let written = 0
  for await (const rows of readProviderList(decodeFile(file))) {
    const col = <T>(pick: (r: ProviderFacts) => T): T[] => rows.map(pick)
    await sql`
      insert into ofsted_provider
        (urn, postcode, upper_la_code, registered_on, closed_on, place_codes, provider_codes, load_id)
      select u, p, la, r::date, c::date, string_to_array(pl, ' '), string_to_array(pr, ' '), ${loadId}
      from unnest(
        ${col((r) => r.urn)}::text[], ${col((r) => r.postcode)}::text[], ${col((r) => r.la)}::text[],
        ${col((r) => r.registered)}::text[], ${col((r) => r.closed)}::text[],
        ${col((r) => r.placeCodes.join(' '))}::text[], ${col((r) => r.providerCodes.join(' '))}::text[]
      ) as t(u, p, la, r, c, pl, pr)
      on conflict (urn) do update set
        postcode = excluded.postcode, upper_la_code = excluded.upper_la_code,
        registered_on = excluded.registered_on, closed_on = excluded.closed_on,
        place_codes = excluded.place_codes, provider_codes = excluded.provider_codes,
        load_id = excluded.load_id
    `.execute(db)
    written += rows.length
  }
  const stale = await db.deleteFrom('ofsted_provider').where('load_id', '<>', loadId).executeTakeFirst()
  return { written, removed: Number(stale.numDeletedRows) }
}

/** Look URNs up in the provider list: one query; null when no list has been loaded at all. */
export function providerLookup(db: Db): ProviderLookup {
  return async (urns) => {
    const any = await db.selectFrom('ofsted_provider').select('urn').limit(1).executeTakeFirst()
    if (!any) return null
    const found = new Map<string, ProviderFacts>()
    if (urns.size === 0) return found
    const rows = await db
      .selectFrom('ofsted_provider')
      .selectAll()
      .where(sql<boolean>`urn = any(${[...urns]}::text[])`)
      .execute()
    for (const r of rows)
      found.set(r.urn, {
        urn: r.urn,
        postcode: r.postcode,
        la: r.upper_la_code,
        registered: r.registered_on,
        closed: r.closed_on,
        placeCodes: r.place_codes,
        providerCodes: r.provider_codes,
      })
    return found
  }
}

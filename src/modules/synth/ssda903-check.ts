/**
 * A synthetic SSDA903 return built in memory and checked with every SSDA903 rule of its year:
 * how the generator is kept honest (returns-rules.test.ts) and how a change to it is measured.
 */
import type { CollectionYear } from '../returns/collection-year.js'
import type { Ssda903Return, Ssda903Tables } from '../returns/ssda903/model.js'
import type { PostcodeLookup, PostcodePoint } from '../returns/ssda903/placement.js'
import {
  SYNTHETIC_POSTCODES_FILE,
  readPostcodeDirectory,
  unitSector,
} from '../returns/ssda903/postcode-directory.js'
import { decodeFile } from '../returns/ssda903/text-source.js'
import {
  validateSsda903,
  type Ssda903ValidateOptions,
  type Ssda903ValidationResult,
} from '../returns/ssda903/validate.js'
import { generateChildren } from './population.js'
import { RowNumbers } from '../returns/cin/census.js'
import { buildSsda903Rows } from '../returns/ssda903/year-text.js'
import { childReturnText, type ChildReturnText } from './returns.js'
import { tablesFor } from './write.js'

export interface SyntheticSsda903 {
  ret: Ssda903Return
  texts: ChildReturnText[]
}

/**
 * The first `ssda903Children` children of a synthetic authority who are in this year's SSDA903
 * return, as the return's tables (this year and last), with defects at `defects`.
 */
export function syntheticSsda903(options: {
  seed: string
  year: CollectionYear
  ssda903Children: number
  defects?: number
}): SyntheticSsda903 {
  const { seed, year } = options
  const tables = tablesFor(year)
  const current: Ssda903Tables = {}
  const previous: Ssda903Tables = {}
  for (const t of tables) {
    ;(current as Record<string, unknown[]>)[t] = []
    ;(previous as Record<string, unknown[]>)[t] = []
  }
  const rows = new RowNumbers()
  const texts: ChildReturnText[] = []
  let count = 0
  // Far more children in need than are looked after: the loop stops once it has enough.
  const authority = { seed, year, children: options.ssda903Children * 50, contactOnly: false }
  for (const child of generateChildren(authority)) {
    const text = childReturnText(child, { year, laCode: '883', seed, defects: options.defects ?? 0 })
    if ((text.ssda903.current.Header?.length ?? 0) === 0) continue
    texts.push(text)
    buildSsda903Rows(text.ssda903.current, rows, current)
    buildSsda903Rows(text.ssda903.previous, rows, previous, 'previous/')
    if (++count >= options.ssda903Children) break
  }
  return { ret: { current, previous }, texts }
}

/** The synthetic authority's ONS code (Thurrock's: its postcode districts are RM15 to RM20, SS17). */
export const SYNTHETIC_LA_CODE = 'E06000034'

let syntheticPostcodes: Promise<ReadonlyMap<string, PostcodePoint>> | undefined

/**
 * The shipped synthetic postcode table (reference/postcodes/synthetic-postcodes.csv), read once
 * by the same reader `haven reference load-postcodes` uses, and held in memory: each key as the
 * database lookup gives it (grid reference and upper-tier LA).
 */
export function syntheticPostcodeTable(): Promise<ReadonlyMap<string, PostcodePoint>> {
  syntheticPostcodes ??= (async () => {
    const table = new Map<string, PostcodePoint>()
    for await (const batch of readPostcodeDirectory(decodeFile(SYNTHETIC_POSTCODES_FILE)))
      for (const r of batch)
        table.set(r.postcode, { easting: r.easting, northing: r.northing, la: r.upperLa })
    return table
  })()
  return syntheticPostcodes
}

/**
 * Look postcodes up in the synthetic table, as `postcodeLookup` does in the database, except
 * that a full postcode the table does not hold is placed at its sector's row: the table holds
 * the sectors the generator uses, and the generator makes up the last two letters.
 */
export const syntheticPostcodeLookup: PostcodeLookup = async (keys) => {
  const table = await syntheticPostcodeTable()
  const found = new Map<string, PostcodePoint>()
  for (const k of keys) {
    const point = table.get(k) ?? table.get(unitSector(k))
    if (point) found.set(k, point)
  }
  return found
}

/**
 * A return through the SSDA903 runner, as `haven returns validate` runs it against a database
 * holding the synthetic postcode table and no Ofsted provider list: the year's rule set, the
 * rules whose tables were not supplied left out (listed in `notRun`), and the placement facts
 * derived from the synthetic postcodes.
 */
export async function checkSsda903(
  ret: Ssda903Return,
  year: CollectionYear,
  options: Ssda903ValidateOptions = {},
): Promise<Ssda903ValidationResult> {
  return validateSsda903({ model: ret, problems: [], sources: { current: {}, previous: {} } }, year.label, {
    laCode: SYNTHETIC_LA_CODE,
    postcodes: syntheticPostcodeLookup,
    ...options,
  })
}

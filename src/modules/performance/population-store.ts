/** The 0–17 population by authority and mid-year (migration 0080). */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import { parsePopulationCsv, type Population } from './population.js'

type Db = Kysely<Database>

/** The demo authority's population, loaded outside production while the table is empty. */
export const DEMO_POPULATION_FILE = fileURLToPath(
  new URL('../../../reference/population/demo-child-population.csv', import.meta.url),
)

/**
 * Loads a population file: each authority's and year's figure written over the one held (a revised
 * estimate replaces the old), in one transaction; nothing if any row is wrong.
 */
export async function loadPopulationFile(
  db: Db,
  file: string,
  defaultSource = file,
): Promise<{ written: number }> {
  const rows = parsePopulationCsv(await readFile(file, 'utf8'), `Loaded from ${defaultSource}`)
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('child_population')
        .values(
          rows.slice(i, i + 1000).map((r) => ({
            ons_code: r.onsCode,
            mid_year: r.midYear,
            population: r.population,
            source: r.source,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['ons_code', 'mid_year']).doUpdateSet((eb) => ({
            population: eb.ref('excluded.population'),
            source: eb.ref('excluded.source'),
            loaded_at: sql`now()`,
          })),
        )
        .execute()
  })
  return { written: rows.length }
}

export async function loadDemoPopulationIfEmpty(db: Db): Promise<boolean> {
  const any = await db.selectFrom('child_population').select('ons_code').limit(1).executeTakeFirst()
  if (any) return false
  await loadPopulationFile(db, DEMO_POPULATION_FILE)
  return true
}

/** For each mid-year asked, the estimate to use: that year's, or the latest before it. */
export async function populationsFor(
  db: Db,
  onsCode: string | null,
  midYears: readonly number[],
): Promise<Map<number, Population>> {
  const found = new Map<number, Population>()
  if (onsCode === null || midYears.length === 0) return found
  const rows = await db
    .selectFrom('child_population')
    .select(['mid_year', 'population', 'source'])
    .where('ons_code', '=', onsCode)
    .where('mid_year', '<=', Math.max(...midYears))
    .orderBy('mid_year')
    .execute()
  for (const year of midYears) {
    const latest = rows.filter((r) => r.mid_year <= year).at(-1)
    if (latest)
      found.set(year, { midYear: latest.mid_year, population: latest.population, source: latest.source })
  }
  return found
}

/**
 * The KPI catalogue in the database: loaded at every open from the modules' catalogue files (as
 * the clock definitions are), and read by the digest.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import { measureChecksum, type KpiComparator, type KpiMeasure } from '../../platform/measures.js'

export class CatalogueChangedError extends Error {}

/**
 * Makes `kpi_measure` and `kpi_comparator` match the files. A version already loaded live whose
 * query, figure, period or bases differ is refused: a change to what a measure counts is a new version,
 * and the old one is kept. Versions no longer in the files stay, marked out of the catalogue.
 */
export async function syncKpiCatalogue(db: Kysely<Database>, measures: readonly KpiMeasure[]): Promise<void> {
  const seen = new Set<string>()
  for (const m of measures) {
    const key = `${m.id} ${m.version}`
    if (seen.has(key)) throw new Error(`The measure ${m.id} version ${m.version} is declared twice`)
    seen.add(key)
  }
  await db.transaction().execute(async (trx) => {
    const held = new Map(
      (await trx.selectFrom('kpi_measure').select(['id', 'version', 'checksum', 'status']).execute()).map(
        (r) => [`${r.id} ${r.version}`, r],
      ),
    )
    for (const [position, m] of measures.entries()) {
      const checksum = measureChecksum(m)
      const before = held.get(`${m.id} ${m.version}`)
      // A version never live has had no figure published under it: writing its query now changes
      // nothing anyone has read.
      if (before !== undefined && before.status === 'live' && before.checksum !== checksum)
        throw new CatalogueChangedError(
          `The measure ${m.id} version ${m.version} counts something different from the version loaded before: give the change a new version and keep the old one`,
        )
      const { query, comparators: _comparators, ...definition } = m
      const row = {
        module: m.module,
        status: m.status,
        title: m.title,
        definition: JSON.stringify(definition),
        query,
        checksum,
        in_catalogue: true,
        position,
      }
      await trx
        .insertInto('kpi_measure')
        .values({ id: m.id, version: m.version, ...row })
        .onConflict((oc) =>
          oc.columns(['id', 'version']).doUpdateSet({ ...row, loaded_at: sql`now()` })
            .where(sql<boolean>`(kpi_measure.definition, kpi_measure.status, kpi_measure.in_catalogue, kpi_measure.position)
              is distinct from (excluded.definition, excluded.status, excluded.in_catalogue, excluded.position)`),
        )
        .execute()
    }
    const keys = [...seen]
    await trx
      .updateTable('kpi_measure')
      .set({ in_catalogue: false })
      .where(sql<string>`id || ' ' || version`, 'not in', keys.length ? keys : [''])
      .where('in_catalogue', '=', true)
      .execute()
    await trx.deleteFrom('kpi_comparator').execute()
    const comparators = [
      ...new Map(
        measures.flatMap((m) =>
          m.comparators.map((c) => [`${m.id} ${c.year} ${c.comparator}`, { ...c, measure_id: m.id }]),
        ),
      ).values(),
    ]
    if (comparators.length) await trx.insertInto('kpi_comparator').values(comparators).execute()
  })
}

/** The current version of every measure in the catalogue, and each measure's comparators. */
export async function loadCatalogue(
  db: Kysely<Database>,
): Promise<{ measures: KpiMeasure[]; comparators: Map<string, KpiComparator[]> }> {
  const rows = await db
    .selectFrom('kpi_measure as m')
    .select(['m.id', 'm.version', 'm.module', 'm.status', 'm.definition', 'm.query'])
    .where('m.in_catalogue', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('kpi_measure as n')
            .select('n.id')
            .whereRef('n.id', '=', 'm.id')
            .whereRef('n.version', '>', 'm.version')
            .where('n.in_catalogue', '=', true),
        ),
      ),
    )
    .orderBy('m.position')
    .orderBy('m.id')
    .execute()
  const comparators = new Map<string, KpiComparator[]>()
  for (const c of await db
    .selectFrom('kpi_comparator')
    .selectAll()
    .orderBy('measure_id')
    .orderBy('year')
    .orderBy('comparator')
    .execute()) {
    const list = comparators.get(c.measure_id) ?? []
    list.push({ year: c.year, comparator: c.comparator, value: Number(c.value), source: c.source })
    comparators.set(c.measure_id, list)
  }
  const measures = rows.map((r) => ({
    ...(r.definition as unknown as Omit<KpiMeasure, 'query' | 'module' | 'status'>),
    id: r.id,
    version: r.version,
    module: r.module,
    status: r.status,
    query: r.query,
    comparators: comparators.get(r.id) ?? [],
  }))
  return { measures, comparators }
}

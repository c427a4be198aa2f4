/**
 * The KPI catalogue's shape (the module contract's `measures`): each module holding the data of a
 * measure declares it in `reference/kpis/<module>.json`, and its descriptor hands the parsed list
 * to the composition root, which loads every module's list into `kpi_measure` at each open. The
 * digest (src/modules/performance) reads the table; a module's own pages may read its list.
 *
 * A live measure has one SQL query over published views returning its *units*: one row per thing
 * counted, with `unit_id`, `child_id`, `on_date` (the London day it counts on) or for a snapshot
 * `from_date` and `to_date` (null while open), `in_numerator` and, for a median or mean, `value`.
 * The engine filters the units by period and area, so the figure, its trend, the areas and the
 * children behind it come from the same query. In scope: `period(starts, ends)` (the year ending
 * at the reference date, for a snapshot; the whole span asked for otherwise), `working_day(day, n)`
 * (n working days up to and including the day, so a gap is a difference of two n) and
 * `authority(ons_code)` and `reference(at)`, the instant the figure is as at (now, or for a
 * snapshot of a day before today the end of that day), for a unit whose place in the numerator
 * depends on the time (a task overdue); and `worked_out(at)`, the instant the figures are worked
 * out, the same on every day, so a unit can depend on it and still be read once.
 *
 * A snapshot is counted on each of its days (the trend's month ends, the period's end, the year
 * before's) in one statement. Units that do not read `period` or `reference` are read once and
 * counted on every day; units that do are read once a day. So a snapshot measure gives its units
 * the days they count on rather than asking the day: a placement open from its start to its end,
 * split where the child turns 16 or has been looked after 2½ years (`span_passed_on(since, span)`,
 * the first day `day - span >= since`, as an interval's arithmetic reckons it at month ends).
 *
 * A live measure may declare `quality` checks: records whose missing or inconsistent data changes
 * what the figure counts, each with what is wrong (`title`), how it changes the figure (`effect`)
 * and a query in the units' shape (`unit_id`, `child_id`, `on_date` or `from_date`/`to_date`, and
 * optionally `record_href`, the page where the record is put right, and `detail`), which the
 * engine filters by the figure's own period and area. They do not change what the measure counts,
 * so they are not part of its checksum: a check may be added or corrected under a version.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'

export const FIGURE_KINDS = ['count', 'percentage', 'rate_per_10000', 'median', 'mean'] as const
export const PERIOD_KINDS = ['in_year', 'rolling_12_months', 'snapshot'] as const
export const COMPARATORS = ['england', 'statistical_neighbours', 'region'] as const

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lower-case words joined by hyphens')
const text = z.string().trim().min(1)
const year = z.string().regex(/^\d{4}\/\d{2}$/, 'a collection year is written 2025/26')

const comparatorSchema = z.strictObject({
  year,
  comparator: z.enum(COMPARATORS),
  value: z.number(),
  /** Where the figure came from: the publication and table, or the document and line. */
  source: text,
})

/** The checks the digest adds to every measure (the teams' figures adding up to the authority's). */
export const ENGINE_CHECKS: readonly string[] = ['no-team', 'two-teams']

/** A data-quality check of a measure: the records whose data changes what its figure counts. */
const qualitySchema = z.strictObject({
  id,
  /** What is wrong, in plain words: "Placement with no postcode". */
  title: text,
  /** How it changes the figure: "counted as placed outside the area". */
  effect: text,
  /** The affected records in the units' shape, one line a string. */
  query: z.array(z.string()).min(1),
})

const measureSchema = z
  .strictObject({
    id,
    version: z.number().int().min(1),
    status: z.enum(['live', 'awaiting', 'not_written']),
    title: text,
    /** What it counts, in plain English. */
    definition: text,
    /** What the denominator counts, in words (for a count: what is counted). */
    base: text,
    /** What the numerator counts, in words, for a percentage. */
    numerator: text.optional(),
    figure: z.enum(FIGURE_KINDS),
    period: z.enum(PERIOD_KINDS),
    polarity: z.enum(['higher_is_better', 'lower_is_better', 'neither']),
    /** What the figure is in: "children", "%", "days". */
    unit: text,
    target: z.strictObject({ value: z.number(), tolerance: z.number().min(0), source: text }).optional(),
    source: z.strictObject({ kind: z.enum(['dfe', 'ofsted', 'local']), reference: text }),
    comparators: z.array(comparatorSchema).default([]),
    /** The units query, one line a string (JSON has no multi-line strings). */
    query: z.array(z.string()).min(1).optional(),
    /**
     * How a unit falls in a team's or a worker's area: by the child's allocated worker on the
     * unit's day (`allocation`, the default), or by the `team_id` and `user_id` the query gives
     * each unit (`units`: a task counts where the worklist lists it, with the team it is assigned
     * to).
     */
    attribution: z.enum(['allocation', 'units']).optional(),
    /** The module that will hold the data of a measure awaiting it. */
    awaiting: z.strictObject({ module: text }).optional(),
    /** Why a measure whose data Haven holds is not written yet. */
    note: text.optional(),
    /** Data-quality checks: the records whose missing or inconsistent data affects the figure. */
    quality: z.array(qualitySchema).optional(),
  })
  .superRefine((m, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message: `${m.id}: ${message}` })
    if ((m.status === 'live') !== (m.query !== undefined))
      problem('a live measure, and only one, has a query')
    if ((m.status === 'awaiting') !== (m.awaiting !== undefined))
      problem('an awaiting measure, and only one, names the module that will hold its data')
    if (m.figure === 'percentage' && m.numerator === undefined) problem('a percentage says what it counts')
    if (m.target && m.polarity === 'neither') problem('a target needs a direction (polarity)')
    if (m.quality && m.status !== 'live') problem('only a live measure has data-quality checks')
    const checks = new Set<string>()
    for (const q of m.quality ?? []) {
      if (checks.has(q.id)) problem(`two data-quality checks called ${q.id}`)
      if (ENGINE_CHECKS.includes(q.id)) problem(`${q.id} is the name of a check the digest adds itself`)
      checks.add(q.id)
    }
    const seen = new Set<string>()
    for (const c of m.comparators) {
      const key = `${c.year} ${c.comparator}`
      if (seen.has(key)) problem(`two ${c.comparator} figures for ${c.year}`)
      seen.add(key)
    }
  })

export type KpiComparator = z.infer<typeof comparatorSchema>

/** A data-quality check with its query joined into one statement. */
export interface KpiQualityCheck extends Omit<z.infer<typeof qualitySchema>, 'query'> {
  query: string
}

/** One version of a measure, as the catalogue files and `kpi_measure` hold it. */
export interface KpiMeasure extends Omit<z.infer<typeof measureSchema>, 'query' | 'quality'> {
  /** The module whose published views the query reads (or which will hold the data). */
  module: string
  /** The units query, joined into one statement; null unless live. */
  query: string | null
  /** Its data-quality checks (not part of its checksum: they change nothing it counts). */
  quality?: KpiQualityCheck[]
}

/** Parses one catalogue file (`{ "module": …, "measures": […] }`); throws naming what is wrong. */
export function parseKpiCatalogue(input: unknown): KpiMeasure[] {
  const file = z.strictObject({ module: id, measures: z.array(measureSchema) }).parse(input)
  const seen = new Set<string>()
  return file.measures.map(({ query, quality, ...m }) => {
    const key = `${m.id} ${m.version}`
    if (seen.has(key)) throw new Error(`${m.id} version ${m.version} is in ${file.module}.json twice`)
    seen.add(key)
    return {
      ...m,
      module: m.awaiting?.module ?? file.module,
      query: query ? query.join('\n') : null,
      ...(quality ? { quality: quality.map((q) => ({ ...q, query: q.query.join('\n') })) } : {}),
    }
  })
}

/**
 * The fingerprint of what a version counts: its query, figure, period and bases. A file that
 * changes any of these under a version already loaded is refused (a new version is needed);
 * its title, target, source and comparators may be corrected in place.
 */
export function measureChecksum(m: KpiMeasure): string {
  // Attribution joins the defining fields only when set, so the checksums of measures loaded
  // before it existed stay as they were.
  const defining = [
    m.query,
    m.figure,
    m.period,
    m.base,
    m.numerator ?? null,
    m.definition,
    ...(m.attribution ? [m.attribution] : []),
  ]
  return createHash('sha256').update(JSON.stringify(defining)).digest('hex')
}

/** The newest version of each measure among several (the catalogue's current definitions). */
export function currentVersions<M extends Pick<KpiMeasure, 'id' | 'version'>>(measures: readonly M[]): M[] {
  const newest = new Map<string, M>()
  for (const m of measures) {
    const held = newest.get(m.id)
    if (!held || held.version < m.version) newest.set(m.id, m)
  }
  return [...newest.values()].sort((a, b) => a.id.localeCompare(b.id))
}

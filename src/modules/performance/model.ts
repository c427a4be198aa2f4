/**
 * The digest's pure rules: the spans a period asks for, a figure from its counts, RAG against a
 * target, small-number suppression and the generated commentary. No I/O: the engine (digest.ts)
 * counts units in SQL and hands the counts here.
 */
import { addCalendarDays, addMonths, longDate, type IsoDate } from '../../platform/calendar/dates.js'
import type { KpiComparator, KpiMeasure } from '../../platform/measures.js'
import { parseCollectionYear, type CollectionYear } from '../returns/collection-year.js'
import { midYearFor, ratePer10000, type Population } from './population.js'

/** A span of London days, both ends included. */
export interface Span {
  from: IsoDate
  to: IsoDate
}

/** What a digest covers, worked out from a collection year and today. */
export interface DigestPeriod {
  /** `2025/26` */
  label: string
  year: CollectionYear
  /** The year so far: 1 April to 31 March, or to today while the year is running. */
  current: Span
  /** The same span a year before, which the commentary compares with. */
  previous: Span & { label: string }
  /** The 12 calendar months ending with the one `current` ends in, as `YYYY-MM`. */
  months: string[]
  /** Whether the year is over (today is after 31 March). */
  complete: boolean
}

export class PeriodError extends Error {}

/** The collection year `today` falls in: 1 April starts the next. */
export function collectionYearOf(today: IsoDate): string {
  const year = Number(today.slice(0, 4))
  const first = today.slice(5) >= '04-01' ? year : year - 1
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`
}

/** The digest's period for a collection year as it stands on `today`; a year not begun is refused. */
export function digestPeriod(label: string, today: IsoDate): DigestPeriod {
  const year = parseCollectionYear(label)
  if (today < year.start)
    throw new PeriodError(`${year.label} has not begun: it starts on ${longDate(year.start)}`)
  const complete = today > year.end
  const to = complete ? year.end : today
  const first = Number(year.start.slice(0, 4)) - 1
  const lastMonth = `${to.slice(0, 7)}-01`
  return {
    label: year.label,
    year,
    current: { from: year.start, to },
    previous: {
      label: `${first}/${String((first + 1) % 100).padStart(2, '0')}`,
      from: addMonths(year.start, -12),
      to: addMonths(to, -12),
    },
    months: Array.from({ length: 12 }, (_, i) => addMonths(lastMonth, i - 11).slice(0, 7)),
    complete,
  }
}

/** The last day of a `YYYY-MM` month, or `cap` when that comes first (the month still running). */
export function monthEnd(month: string, cap: IsoDate): IsoDate {
  const end = addCalendarDays(addMonths(`${month}-01`, 1), -1)
  return end < cap ? end : cap
}

/** A month as a page says it: "Apr 2025". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`
}

/** Where a digest looks: the whole authority, one team, or one worker's allocated children. */
export type Area =
  { kind: 'authority' } | { kind: 'team'; name: string } | { kind: 'worker'; username: string }

export class AreaError extends Error {}

/** `authority`, `team:<name>` or `worker:<username>`, as the command and the pages write it. */
export function parseArea(text: string | undefined): Area {
  if (text === undefined || text === 'authority') return { kind: 'authority' }
  const colon = text.indexOf(':')
  const kind = colon > 0 ? text.slice(0, colon) : ''
  const name = text.slice(colon + 1).trim()
  if ((kind === 'team' || kind === 'worker') && name !== '')
    return kind === 'team' ? { kind, name } : { kind, username: name }
  throw new AreaError(`"${text}" is not an area: write authority, team:<team name> or worker:<username>`)
}

export function areaLabel(area: Area): string {
  return area.kind === 'authority' ? 'Whole authority' : area.kind === 'team' ? area.name : area.username
}

/** A figure's parts, as SQL counted them over one span or one reference date. */
export interface Counts {
  /** Units counted (a count's figure; a percentage's denominator). */
  units: number
  /** Units in the numerator. */
  numerator: number
  /** The median and mean of the units' values (null when none). */
  median: number | null
  mean: number | null
}

export const NO_UNITS: Counts = { units: 0, numerator: 0, median: null, mean: null }

/**
 * The figure the measure reports from its counts; null when there is nothing to report on (for a
 * rate, when no population is held for the area and year).
 */
export function figureValue(
  measure: Pick<KpiMeasure, 'figure'>,
  c: Counts,
  population: Population | null = null,
): number | null {
  switch (measure.figure) {
    case 'count':
      return c.numerator
    case 'percentage':
      return c.units === 0 ? null : round1((100 * c.numerator) / c.units)
    case 'median':
      return c.median === null ? null : round1(c.median)
    case 'mean':
      return c.mean === null ? null : round1(c.mean)
    case 'rate_per_10000':
      return population === null ? null : ratePer10000(c.numerator, population.population)
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10
}

export type Rag = 'green' | 'amber' | 'red'

/**
 * Green when the figure meets its target; amber when it misses by no more than the tolerance;
 * red beyond. None without a target, a direction or a figure.
 */
export function rag(measure: Pick<KpiMeasure, 'polarity' | 'target'>, value: number | null): Rag | null {
  if (!measure.target || value === null || measure.polarity === 'neither') return null
  const { value: target, tolerance } = measure.target
  const short = measure.polarity === 'higher_is_better' ? target - value : value - target
  return short <= 0 ? 'green' : short <= tolerance ? 'amber' : 'red'
}

/** Counts from 1 to 4 are published as "<5" (zero is published: it identifies no one). */
export const SUPPRESS_BELOW = 5

export function isSuppressed(count: number | null): boolean {
  return count !== null && count > 0 && count < SUPPRESS_BELOW
}

/** A count as published: "<5" under 5, else the number with thousands separators. */
export function publishedCount(count: number | null): string {
  if (count === null) return ''
  return isSuppressed(count) ? '<5' : count.toLocaleString('en-GB')
}

/**
 * The figure as published. A figure worked out from a suppressed count would give the count away
 * (3 of 40 is 7.5%), so it is published as "c", the DfE's mark for a confidential figure.
 */
export function publishedValue(
  measure: Pick<KpiMeasure, 'figure'>,
  value: number | null,
  c: Pick<Counts, 'units' | 'numerator'>,
): string {
  if (value === null) return ''
  if (measure.figure === 'count') return publishedCount(value)
  if (isSuppressed(c.units) || (measure.figure === 'percentage' && isSuppressed(c.numerator))) return 'c'
  return measure.figure === 'percentage' ? `${value.toFixed(1)}%` : value.toLocaleString('en-GB')
}

/** What the commentary needs of a figure and the one before it. */
export interface Movement {
  title: string
  /** What the denominator counts, in words: "referrals dated in the period". */
  base: string
  figure: KpiMeasure['figure']
  polarity: KpiMeasure['polarity']
  unit: string
  current: { label: string; value: number | null; counts: Counts }
  previous: { label: string; value: number | null; counts: Counts }
  target?: KpiMeasure['target']
  rag: Rag | null
}

/**
 * One or two sentences on what changed since the previous period and by how much, worded from
 * published figures only (so suppression holds in the commentary too), and whether the target
 * is met.
 */
export function commentary(m: Movement): string {
  const now = wordedValue(m, m.current)
  if (now === null) return `${m.title}: nothing to measure in ${m.current.label} (no ${m.base}).`
  const before = wordedValue(m, m.previous)
  const sentences: string[] = []
  if (before === null)
    sentences.push(`${m.title}: ${now} in ${m.current.label}; none to compare in ${m.previous.label}.`)
  else if (now === 'c' || before === 'c' || now === '<5' || before === '<5')
    sentences.push(`${m.title}: ${now} in ${m.current.label}, against ${before} in ${m.previous.label}.`)
  else
    sentences.push(`${m.title}: ${now} in ${m.current.label}, ${change(m)} ${before} in ${m.previous.label}.`)
  if (m.target && m.rag) {
    const target = m.figure === 'percentage' ? `${m.target.value}%` : String(m.target.value)
    sentences.push(
      m.rag === 'green'
        ? `It meets the target of ${target}.`
        : m.rag === 'amber'
          ? `It is just short of the target of ${target}.`
          : `It is well short of the target of ${target}.`,
    )
  }
  return sentences.join(' ')
}

function wordedValue(m: Movement, at: Movement['current']): string | null {
  if (at.value === null) return null
  const shown = publishedValue(m, at.value, at.counts)
  if (m.figure === 'count' || shown === 'c') return shown
  return m.figure === 'percentage' ? shown : `${shown} ${m.unit}`
}

/** "up 4.1 percentage points from", "down 12 (8.0%) from", "the same as". */
function change(m: Movement): string {
  const now = m.current.value as number
  const before = m.previous.value as number
  const delta = round1(now - before)
  if (delta === 0) return 'the same as'
  const direction = delta > 0 ? 'up' : 'down'
  const size = Math.abs(delta)
  if (m.figure === 'percentage') return `${direction} ${size.toFixed(1)} percentage points from`
  if (m.figure === 'count' && before !== 0)
    return `${direction} ${size.toLocaleString('en-GB')} (${((100 * size) / before).toFixed(1)}%) from`
  return `${direction} ${size.toLocaleString('en-GB')} from`
}

/** One measure's line in a digest: the figure, its trend, target, comparators and commentary. */
export interface DigestFigure {
  id: string
  version: number
  module: string
  title: string
  definition: string
  base: string
  numerator: string | null
  figure: KpiMeasure['figure']
  period: KpiMeasure['period']
  polarity: KpiMeasure['polarity']
  unit: string
  source: KpiMeasure['source']
  counts: Counts
  value: number | null
  /** A rate's denominator: the 0–17 population estimate it was worked out from (null otherwise). */
  population: Population | null
  previous: { label: string; counts: Counts; value: number | null }
  trend: { month: string; counts: Counts; value: number | null }[]
  target: KpiMeasure['target'] | null
  rag: Rag | null
  comparators: KpiComparator[]
  commentary: string
  /** Each data-quality check's records behind the current figure (the same period and area). */
  quality: QualityCount[]
}

/** A measure's current figure for one team, beside the authority's on the measure's page. */
export interface TeamFigure {
  team: string
  counts: Counts
  /** Null for a rate: a team has no population of its own to divide by. */
  value: number | null
  rag: Rag | null
}

/** What one data-quality check found behind a figure. */
export interface QualityCount {
  id: string
  /** What is wrong, in plain words. */
  title: string
  /** How it changes the figure. */
  effect: string
  count: number
}

/** How many records with missing or inconsistent data affect a figure (a record may be in two checks). */
export function qualityTotal(f: Pick<DigestFigure, 'quality'>): number {
  return f.quality.reduce((n, q) => n + q.count, 0)
}

/** Each check with its published count: "Placement with no postcode: <5; …". */
export function qualityChecksText(f: Pick<DigestFigure, 'quality'>): string {
  return f.quality.map((q) => `${q.title}: ${publishedCount(q.count)}`).join('; ')
}

/** A digest: plain data, which the command writes as CSV and later pages and reports render. */
export interface Digest {
  period: DigestPeriod
  area: Area
  generatedAt: string
  figures: DigestFigure[]
  /** Measures in the catalogue with no figure yet: awaiting their module, or not yet written. */
  notYet: {
    id: string
    title: string
    module: string
    status: 'awaiting' | 'not_written'
    note: string | null
  }[]
}

/** The mid-year of the collection year a `YYYY-MM` month falls in (April starts a year). */
export function midYearOfMonth(month: string): number {
  const year = Number(month.slice(0, 4))
  return Number(month.slice(5, 7)) >= 4 ? year : year - 1
}

/** The mid-years a period's rates need: its own, the previous period's and its months'. */
export function midYearsOf(period: DigestPeriod): number[] {
  const own = midYearFor(period.year)
  return [...new Set([own, own - 1, ...period.months.map(midYearOfMonth)])].sort()
}

/**
 * Builds a measure's digest line from its counts (the engine's SQL gives the counts). A rate takes
 * its denominator from `populations` (by mid-year: the authority's, or none for a team's or a
 * worker's area), and says so when there is none.
 */
export function digestFigure(
  measure: KpiMeasure,
  period: DigestPeriod,
  counts: { current: Counts; previous: Counts; months: Map<string, Counts> },
  comparators: readonly KpiComparator[],
  populations: ReadonlyMap<number, Population> = new Map(),
): DigestFigure {
  const rate = measure.figure === 'rate_per_10000'
  const own = midYearFor(period.year)
  const populationOf = (midYear: number) => (rate ? (populations.get(midYear) ?? null) : null)
  const population = populationOf(own)
  const value = figureValue(measure, counts.current, population)
  const previousValue = figureValue(measure, counts.previous, populationOf(own - 1))
  const status = rag(measure, value)
  return {
    id: measure.id,
    version: measure.version,
    module: measure.module,
    title: measure.title,
    definition: measure.definition,
    base: measure.base,
    numerator: measure.numerator ?? null,
    figure: measure.figure,
    period: measure.period,
    polarity: measure.polarity,
    unit: measure.unit,
    source: measure.source,
    counts: counts.current,
    value,
    population,
    previous: { label: period.previous.label, counts: counts.previous, value: previousValue },
    trend: period.months.map((month) => {
      const c = counts.months.get(month) ?? NO_UNITS
      return { month, counts: c, value: figureValue(measure, c, populationOf(midYearOfMonth(month))) }
    }),
    target: measure.target ?? null,
    rag: status,
    quality: [],
    comparators: [...comparators].sort(
      (a, b) => a.year.localeCompare(b.year) || a.comparator.localeCompare(b.comparator),
    ),
    commentary:
      rate && population === null
        ? `${measure.title}: not worked out, as Haven holds no 0–17 population estimate for this area and year (rates are for the whole authority; estimates are loaded with haven reference load-population).`
        : commentary({
            title: measure.title,
            base: measure.base,
            figure: measure.figure,
            polarity: measure.polarity,
            unit: measure.unit,
            current: { label: period.label, value, counts: counts.current },
            previous: { label: period.previous.label, value: previousValue, counts: counts.previous },
            ...(measure.target ? { target: measure.target } : {}),
            rag: status,
          }),
  }
}

const COMPARATOR_NAMES = {
  england: 'England',
  statistical_neighbours: 'Statistical neighbours',
  region: 'Region',
}

/** What a figure is out of, as published: its units, or for a rate the population. */
export function outOf(f: DigestFigure): string {
  if (f.figure === 'rate_per_10000')
    return f.population ? f.population.population.toLocaleString('en-GB') : ''
  return publishedCount(f.counts.units)
}

/** A figure's base in words, naming the population estimate a rate was worked out from. */
export function statedBase(f: DigestFigure): string {
  if (f.figure !== 'rate_per_10000' || f.population === null) return f.base
  const p = f.population
  return `${f.base}: ${p.population.toLocaleString('en-GB')} at mid-${p.midYear} (${p.source})`
}

/** The digest as CSV: one row per measure, every count published (suppressed under 5). */
export function digestCsv(d: Digest): string {
  const header = [
    'Measure',
    'Version',
    'Period',
    'Area',
    'Figure',
    'Count',
    'Out of',
    'Base',
    'Previous period',
    'Previous figure',
    'Target',
    'RAG',
    ...d.period.months.map(monthLabel),
    'Comparators',
    'Source',
    'Records with missing or inconsistent data',
    'Data-quality checks',
    'Commentary',
  ]
  const rows = d.figures.map((f) => {
    const isCount = f.figure === 'count'
    return [
      f.title,
      String(f.version),
      d.period.label + (d.period.complete ? '' : ` to ${longDate(d.period.current.to)}`),
      areaLabel(d.area),
      publishedValue(f, f.value, f.counts),
      publishedCount(f.counts.numerator),
      isCount ? '' : outOf(f),
      statedBase(f),
      f.previous.label,
      publishedValue(f, f.previous.value, f.previous.counts),
      f.target ? `${f.target.value}${f.figure === 'percentage' ? '%' : ''}` : '',
      f.rag ?? '',
      ...f.trend.map((t) => publishedValue(f, t.value, t.counts)),
      f.comparators
        .map((c) => `${COMPARATOR_NAMES[c.comparator]} ${c.year}: ${c.value} (${c.source})`)
        .join('; '),
      `${f.source.kind === 'dfe' ? 'DfE' : f.source.kind === 'ofsted' ? 'Ofsted' : 'Local'}: ${f.source.reference}`,
      f.quality.length ? publishedCount(qualityTotal(f)) : '',
      qualityChecksText(f),
      f.commentary,
    ]
  })
  const notYet = d.notYet.map((m) => [
    m.title,
    '',
    d.period.label,
    areaLabel(d.area),
    m.status === 'awaiting' ? `Awaiting the ${m.module} module` : 'Not yet written',
    ...Array.from({ length: header.length - 6 }, () => ''),
    m.note ?? '',
  ])
  return [header, ...rows, ...notYet].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

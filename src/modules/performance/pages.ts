/**
 * What the digest's pages show, worked out from a `Digest` (pure, no I/O): the period and area
 * asked for in the URL, each figure with its base in words, its RAG as a tag, its trend as a chart
 * and a table, and the links down to the children behind it. The pages are for roles with
 * `performance.view`, who may see exact numbers; suppression is for what is published (README).
 */
import { longDate, type IsoDate } from '../../platform/calendar/dates.js'
import { fieldError, NO_ERRORS, type FormAnswers, type FormErrors } from '../../platform/http/form.js'
import { CollectionYearError } from '../returns/collection-year.js'
import { chartId, trendChart } from './chart.js'
import {
  AreaError,
  areaLabel,
  digestPeriod,
  monthLabel,
  parseArea,
  PeriodError,
  qualityTotal,
  statedBase,
  type Area,
  type Digest,
  type DigestFigure,
  type Rag,
} from './model.js'
import { collectionYearOf, type TeamFigure } from './model.js'

export { collectionYearOf }

/** The years the form offers: the current one and the four before it, newest first. */
export function periodChoices(today: IsoDate, count = 5): string[] {
  const first = Number(collectionYearOf(today).slice(0, 4))
  return Array.from({ length: count }, (_, i) => {
    const y = first - i
    return `${y}/${String((y + 1) % 100).padStart(2, '0')}`
  })
}

/** The text of an area as the URL writes it (`team:Assessment team`). */
export function areaParam(area: Area): string {
  return area.kind === 'authority'
    ? 'authority'
    : area.kind === 'team'
      ? `team:${area.name}`
      : `worker:${area.username}`
}

export interface DigestQuery {
  period: string
  area: Area
}

/** The period and area from the URL: the current year and the whole authority when not given. */
export function parseDigestQuery(
  query: FormAnswers,
  today: IsoDate,
):
  | { ok: true; data: DigestQuery }
  | { ok: false; errors: FormErrors; kept: { period: string; area: string } } {
  const periodText =
    typeof query.period === 'string' && query.period.trim() !== ''
      ? query.period.trim()
      : collectionYearOf(today)
  const areaText =
    typeof query.area === 'string' && query.area.trim() !== '' ? query.area.trim() : 'authority'
  const kept = { period: periodText.slice(0, 20), area: areaText.slice(0, 200) }
  let errors = NO_ERRORS
  let period = periodText
  try {
    period = digestPeriod(periodText, today).label
  } catch (err) {
    if (!(err instanceof CollectionYearError || err instanceof PeriodError)) throw err
    errors = fieldError('period', err.message)
  }
  let area: Area = { kind: 'authority' }
  try {
    area = parseArea(areaText)
  } catch (err) {
    if (!(err instanceof AreaError)) throw err
    errors = {
      list: [...errors.list, ...fieldError('area', err.message).list],
      byField: { ...errors.byField, area: { text: err.message } },
    }
  }
  return errors.list.length ? { ok: false, errors, kept } : { ok: true, data: { period, area } }
}

/** The query string that keeps a page's period and area, with anything else the link adds. */
export function digestHref(path: string, q: DigestQuery, extra: Record<string, string> = {}): string {
  return `${path}?${new URLSearchParams({ period: q.period, area: areaParam(q.area), ...extra }).toString()}`
}

/** Section headings for the modules that declare measures, in the digest's order. */
const SECTION_TITLES: Record<string, string> = {
  frontdoor: 'Front door',
  earlyhelp: 'Early help',
  assessment: 'Assessment',
  protection: 'Child protection',
  care: 'Children looked after',
  leavers: 'Care leavers',
  missing: 'Missing and exploitation',
  send: 'Special educational needs',
  people: 'Workforce',
}

export function sectionTitle(module: string): string {
  return SECTION_TITLES[module] ?? module.charAt(0).toUpperCase() + module.slice(1)
}

/** A figure exactly, as these pages show it: "92.5%", "1,204", "38 days". */
export function exactValue(f: Pick<DigestFigure, 'figure' | 'unit'>, value: number | null): string {
  if (value === null) return 'No figure'
  if (f.figure === 'percentage') return `${value.toFixed(1)}%`
  if (f.figure === 'count') return value.toLocaleString('en-GB')
  return `${value.toLocaleString('en-GB')} ${f.unit}`
}

/** What the figure counts, in words: "37 of 40 referrals dated in the period". */
export function baseText(
  f: Pick<DigestFigure, 'figure' | 'base'> & { numerator?: string | null },
  c: { units: number; numerator: number },
): string {
  const n = (x: number) => x.toLocaleString('en-GB')
  if (f.figure === 'percentage') return `${n(c.numerator)} of ${n(c.units)} ${f.base}`
  if (f.figure === 'count') return `${n(c.numerator)} ${f.base}`
  // A rate's denominator is the population, stated with the measure (`statedBase`).
  if (f.figure === 'rate_per_10000') return `${n(c.numerator)} ${f.numerator ?? ''}`.trim()
  return `from ${n(c.units)} ${f.base}`
}

/** RAG as a GOV.UK tag: said in words, coloured as well. */
export function ragTag(rag: Rag | null): { text: string; classes: string } {
  switch (rag) {
    case 'green':
      return { text: 'Green: meets target', classes: 'govuk-tag--green' }
    case 'amber':
      return { text: 'Amber: just short of target', classes: 'govuk-tag--orange' }
    case 'red':
      return { text: 'Red: well short of target', classes: 'govuk-tag--red' }
    default:
      return { text: 'No target', classes: 'govuk-tag--grey' }
  }
}

export function targetText(f: Pick<DigestFigure, 'figure' | 'target' | 'polarity' | 'unit'>): string | null {
  if (!f.target) return null
  const v = (x: number) => (f.figure === 'percentage' ? `${x}%` : exactValue(f, x))
  const direction =
    f.polarity === 'higher_is_better' ? 'or more' : f.polarity === 'lower_is_better' ? 'or less' : ''
  return `${v(f.target.value)} ${direction} (amber within ${f.target.tolerance}${f.figure === 'percentage' ? ' percentage points' : ''})`.replace(
    '  ',
    ' ',
  )
}

const PERIOD_MEANINGS: Record<DigestFigure['period'], string> = {
  in_year:
    'Counts what happened in the collection year (1 April to 31 March, or to today while the year runs); each month of the trend counts that month.',
  rolling_12_months:
    'Counts the 12 months to the end of the period; each month of the trend counts that month.',
  snapshot:
    'Counts what is open at the end of the period (31 March, or today while the year runs); each month of the trend is a snapshot at the month’s end.',
}

export function periodMeaning(period: DigestFigure['period']): string {
  return PERIOD_MEANINGS[period]
}

const SOURCE_NAMES = { dfe: 'DfE', ofsted: 'Ofsted', local: 'Local' } as const
export const COMPARATOR_NAMES = {
  england: 'England',
  statistical_neighbours: 'Statistical neighbours',
  region: 'Region',
} as const

export function sourceText(f: Pick<DigestFigure, 'source'>): string {
  return `${SOURCE_NAMES[f.source.kind]}: ${f.source.reference}`
}

/** The chart's description: where the trend starts and ends, and its highest and lowest months. */
export function trendDescription(f: DigestFigure): string {
  const shown = f.trend.filter((t) => t.value !== null)
  const first = shown[0]
  const last = shown[shown.length - 1]
  if (!first || !last)
    return `No figures in the 12 months to ${monthLabel(f.trend[f.trend.length - 1]?.month ?? '')}.`
  const v = (x: number | null) => exactValue(f, x)
  const parts = [`${v(first.value)} in ${monthLabel(first.month)}`]
  if (last !== first) parts.push(`${v(last.value)} in ${monthLabel(last.month)}`)
  const target = f.target
    ? ` Target: ${f.figure === 'percentage' ? `${f.target.value}%` : f.target.value}.`
    : ''
  return `From ${parts.join(' to ')}; ${shown.length} of 12 months have a figure.${target}`
}

/** A trend month's row in the table behind the chart. */
export interface TrendRow {
  month: string
  label: string
  value: string
  base: string
  numeratorHref: string | null
  denominatorHref: string | null
}

export interface FigureView {
  id: string
  title: string
  section: string
  value: string
  base: string
  /** The measure's base in words, with a rate's population estimate. */
  statedBase: string
  rag: { text: string; classes: string }
  target: string | null
  previous: { label: string; value: string; base: string }
  comparators: { name: string; year: string; value: string; source: string }[]
  commentary: string
  chart: string
  chartTitle: string
  trend: TrendRow[]
  href: string
  numeratorHref: string | null
  denominatorHref: string | null
  /** The records with missing or inconsistent data behind the figure, by check. */
  quality: QualityView
  figure: DigestFigure
}

export interface QualityView {
  /** Records found by all the checks (a record in two checks is counted in each). */
  total: number
  /** "3 records affect this figure", or null when the checks found none. */
  text: string | null
  /** "None found by its 2 checks"; null when the measure has no checks. */
  noneText: string | null
  href: string
  checks: { id: string; title: string; effect: string; count: number; href: string }[]
}

/** What the pages say of a figure's data quality. */
export function qualityView(f: Pick<DigestFigure, 'id' | 'quality'>, q: DigestQuery): QualityView {
  const total = qualityTotal(f)
  const href = digestHref('/performance/digest/quality', q, { measure: f.id })
  const n = f.quality.length
  return {
    total,
    text:
      total === 0
        ? null
        : `${total.toLocaleString('en-GB')} ${total === 1 ? 'record affects' : 'records affect'} this figure`,
    noneText: n === 0 || total > 0 ? null : `None found by ${n === 1 ? 'its check' : `its ${n} checks`}`,
    href,
    checks: f.quality.map((c) => ({ ...c, href: `${href}#check-${c.id}` })),
  }
}

const Y_LABELS: Record<DigestFigure['figure'], (unit: string) => string> = {
  percentage: () => 'Per cent',
  count: (unit) => unit.charAt(0).toUpperCase() + unit.slice(1),
  median: (unit) => `Median (${unit})`,
  mean: (unit) => `Mean (${unit})`,
  rate_per_10000: () => 'Rate per 10,000',
}

/** Everything the pages show of one figure. */
export function figureView(f: DigestFigure, q: DigestQuery, size: 'small' | 'large'): FigureView {
  const measure = '/performance/digest/measure'
  const children = '/performance/digest/children'
  const links = (units: number, month?: string) => {
    const extra = { measure: f.id, ...(month ? { month } : {}) }
    const any = units > 0
    return {
      numeratorHref:
        any && f.figure === 'percentage' ? digestHref(children, q, { part: 'numerator', ...extra }) : null,
      denominatorHref: any ? digestHref(children, q, { part: 'denominator', ...extra }) : null,
    }
  }
  const chartTitle = `${f.title}: the 12 months to ${monthLabel(f.trend[f.trend.length - 1]?.month ?? '')}`
  return {
    id: f.id,
    title: f.title,
    section: sectionTitle(f.module),
    value: exactValue(f, f.value),
    base: baseText(f, f.counts),
    rag: ragTag(f.rag),
    target: targetText(f),
    previous: {
      label: f.previous.label,
      value: exactValue(f, f.previous.value),
      base: baseText(f, f.previous.counts),
    },
    comparators: f.comparators.map((c) => ({
      name: COMPARATOR_NAMES[c.comparator],
      year: c.year,
      value: f.figure === 'percentage' ? `${c.value}%` : c.value.toLocaleString('en-GB'),
      source: c.source,
    })),
    commentary: f.commentary,
    chart: trendChart({
      id: chartId(`${size}-${f.id}`),
      title: chartTitle,
      description: trendDescription(f),
      points: f.trend.map((t) => ({ label: monthLabel(t.month), value: t.value })),
      target: f.target?.value ?? null,
      yLabel: Y_LABELS[f.figure](f.unit),
      percentage: f.figure === 'percentage',
      size,
    }),
    chartTitle,
    trend: f.trend.map((t) => ({
      month: t.month,
      label: monthLabel(t.month),
      value: exactValue(f, t.value),
      base: baseText(f, t.counts),
      ...links(t.counts.units, t.month),
    })),
    href: digestHref(measure, q, { measure: f.id }),
    ...links(f.counts.units),
    quality: qualityView(f, q),
    statedBase: statedBase(f),
    figure: f,
  }
}

/** A team's row in the authority's measure page: its figure, what it counts and its own page. */
export interface TeamRow {
  team: string
  value: string
  base: string
  rag: { text: string; classes: string }
  href: string
}

/** Each team's figure for a measure, linked to the measure's page for that team. */
export function teamRows(f: DigestFigure, teams: readonly TeamFigure[], q: DigestQuery): TeamRow[] {
  return teams.map((t) => ({
    team: t.team,
    // A rate needs a population, which a team has not: its count says what it holds.
    value: f.figure === 'rate_per_10000' ? 'No rate' : exactValue(f, t.value),
    base: baseText(f, t.counts),
    rag: ragTag(t.rag),
    href: digestHref(
      '/performance/digest/measure',
      { ...q, area: { kind: 'team', name: t.team } },
      {
        measure: f.id,
      },
    ),
  }))
}

/** The digest's figures by section, in the catalogue's order, and the measures still to come. */
export function digestView(d: Digest, q: DigestQuery) {
  const sections: { title: string; figures: FigureView[] }[] = []
  for (const f of d.figures) {
    const title = sectionTitle(f.module)
    let section = sections.find((s) => s.title === title)
    if (!section) sections.push((section = { title, figures: [] }))
    section.figures.push(figureView(f, q, 'small'))
  }
  return {
    periodText: d.period.complete
      ? `${d.period.label} (${longDate(d.period.current.from)} to ${longDate(d.period.current.to)})`
      : `${d.period.label} so far (${longDate(d.period.current.from)} to ${longDate(d.period.current.to)})`,
    areaText: areaLabel(d.area),
    sections,
    awaiting: d.notYet
      .filter((m) => m.status === 'awaiting')
      .map((m) => ({ ...m, moduleText: sectionTitle(m.module), moduleName: m.module })),
    notWritten: d.notYet.filter((m) => m.status === 'not_written'),
  }
}

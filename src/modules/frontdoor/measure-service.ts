/**
 * The front door's measures for the pages: the figures on the service manager's home page, and
 * each measure's own page with the children behind it (filtered to those the reader may see, and
 * audited as a read of each child listed).
 */
import { recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { longDate } from '../../platform/calendar/dates.js'
import type { Actor } from '../../platform/permissions/allow.js'
import type { Measure } from './measures.js'
import {
  measureBreakdown,
  measureChildren,
  measureCounts,
  type MeasureCounts,
  type UnitFilter,
} from './measure-store.js'
import {
  FRONTDOOR_MEASURES,
  findMeasure,
  hoursPhrase,
  measurePeriod,
  meetsTarget,
  percentage,
} from './measures.js'
import { labelOf, REFERRAL_SOURCES } from './model.js'
import { NotFoundError, requireRole, type FrontdoorDeps } from './service-support.js'

export interface ShownFigure {
  code: string
  title: string
  definition: string
  /** The figure in words: "62%", "3.5 hours", "1,204". */
  text: string
  /** What it is of: "310 of 500 children’s contacts". */
  detail: string
  target: string | null
  meets: boolean | null
  href: string
}

function shownFigure(m: Measure, c: MeasureCounts): ShownFigure {
  const pct = c.numerator === null ? null : percentage(c.numerator, c.denominator)
  const value = m.figure === 'percentage' ? pct : m.figure === 'median' ? c.median : c.denominator
  const text =
    m.figure === 'percentage'
      ? pct === null
        ? 'None decided'
        : `${pct}%`
      : m.figure === 'median'
        ? hoursPhrase(c.median)
        : c.denominator.toLocaleString('en-GB')
  const detail =
    m.figure === 'percentage'
      ? `${(c.numerator ?? 0).toLocaleString('en-GB')} of ${c.denominator.toLocaleString('en-GB')}`
      : m.figure === 'median'
        ? `over ${c.denominator.toLocaleString('en-GB')} ${c.denominator === 1 ? 'decision' : 'decisions'}`
        : 'children on contacts'
  return {
    code: m.code,
    title: m.title,
    definition: m.definition,
    text,
    detail,
    target: m.target === undefined ? null : `Target ${m.target}%`,
    meets: meetsTarget(m, value),
    href: `/measures/${m.code}`,
  }
}

/** Every front door figure for the last 12 months, for a service manager's home page. */
export async function frontdoorFigures({ db, clock }: FrontdoorDeps, actor: Actor) {
  if (actor.role !== 'service_manager') return null
  const period = measurePeriod(clock.now())
  const figures: ShownFigure[] = []
  for (const m of FRONTDOOR_MEASURES) figures.push(shownFigure(m, await measureCounts(db, m, period)))
  return { figures, from: longDate(period.months[0] + '-01') }
}

const PAGE_SIZE = 50

/**
 * One measure's page: its definition and figure, its breakdown by month where it has one, and one
 * page of the children behind the part asked for; the children listed are audited as read.
 */
export async function viewMeasure(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  audit: AuditContext,
  code: string,
  query: {
    part?: string | undefined
    month?: string | undefined
    category?: string | undefined
    page: { size: number; offset: number }
  },
) {
  requireRole(actor, 'worklist.view')
  const measure = findMeasure(code)
  if (!measure) throw new NotFoundError('There is no such measure')
  const now = clock.now()
  const period = measurePeriod(now)
  const part = measure.numerator && query.part !== 'denominator' ? 'numerator' : 'denominator'
  const filter: UnitFilter = {
    ...(query.month && period.months.includes(query.month) ? { month: query.month } : {}),
    ...(query.category && REFERRAL_SOURCES.some((s) => s.code === query.category)
      ? { category: query.category }
      : {}),
  }
  const counts = await measureCounts(db, measure, period)
  const statement = part === 'numerator' && measure.numerator ? measure.numerator : measure.denominator
  const children = await measureChildren(db, actor, statement, period, filter, query.page, now)
  await recordAuditAlone(db, audit, {
    action: 'child.list',
    outcome: 'allowed',
    detail: {
      page: 'measure',
      measure: measure.code,
      part,
      childIds: [...new Set(children.rows.map((r) => r.childId))],
    },
  })
  const breakdown =
    measure.breakdown === 'month_and_category'
      ? sourceTable(await measureBreakdown(db, measure, period), period.months)
      : null
  return {
    measure,
    figure: shownFigure(measure, counts),
    part,
    filter,
    from: longDate(period.months[0] + '-01'),
    breakdown,
    categoryLabel: filter.category ? labelOf(REFERRAL_SOURCES, filter.category) : null,
    children: {
      ...children,
      rows: children.rows.map((r) => ({
        ...r,
        source: r.category ? labelOf(REFERRAL_SOURCES, r.category) : null,
        hours: r.value === null ? null : hoursPhrase(Number(r.value)),
      })),
    },
  }
}

export { PAGE_SIZE as MEASURE_PAGE_SIZE }

/** Contacts by source: a row per source seen, a column per month, with totals. */
function sourceTable(rows: { month: string; category: string; n: number }[], months: string[]) {
  const sources = [...new Set(rows.map((r) => r.category))].sort()
  const cell = (source: string, month: string) =>
    rows.find((r) => r.category === source && r.month === month)?.n ?? 0
  return {
    months: months.map((m) => ({ key: m, label: monthLabel(m) })),
    rows: sources.map((s) => ({
      code: s,
      label: labelOf(REFERRAL_SOURCES, s) ?? s,
      cells: months.map((m) => ({ month: m, n: cell(s, m) })),
      total: months.reduce((t, m) => t + cell(s, m), 0),
    })),
    totals: months.map((m) => rows.filter((r) => r.month === m).reduce((t, r) => t + r.n, 0)),
  }
}

function monthLabel(month: string): string {
  return longDate(`${month}-01`)
    .replace(/^1 /, '')
    .replace(/(\w{3})\w* (\d{4})/, '$1 $2')
}

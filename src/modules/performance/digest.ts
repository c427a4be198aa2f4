/**
 * The digest engine: for a collection year and an area, every live measure in the catalogue with
 * its figure, 12-month trend, RAG, comparators and commentary (a plain `Digest`, which the command
 * writes as CSV and pages and reports can render); and the drill-down to the units and children
 * behind a figure, through the permission rules, each child listed audited as read.
 */
import pLimit from 'p-limit'
import { recordAuditsAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import {
  addCalendarDays,
  addMonths,
  dayOfWeek,
  londonInstant,
  londonToday,
  type IsoDate,
} from '../../platform/calendar/dates.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import type { Db } from '../../platform/db/database.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import type { KpiMeasure } from '../../platform/measures.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { loadCatalogue } from './catalogue-store.js'
import type { Population } from './population.js'
import { populationsFor } from './population-store.js'
import {
  allocationChecks,
  datedCounts,
  findArea,
  qualityCounts,
  qualityRecords,
  snapshotSeries,
  teamCounts,
  unitsBehind,
  visibleUnitCount,
  withDigestSettings,
  type AreaFilter,
  type QualityRow,
  type QueryScope,
  type SnapshotDay,
  type UnitRow,
  type UnitSelection,
} from './digest-store.js'
import {
  AreaError,
  areaLabel,
  collectionYearOf,
  digestFigure,
  digestPeriod,
  figureValue,
  midYearsOf,
  monthEnd,
  NO_UNITS,
  rag,
  type Area,
  type Counts,
  type Digest,
  type DigestPeriod,
  type QualityCount,
  type Span,
  type TeamFigure,
} from './model.js'

export interface DigestDeps {
  db: Db
  clock: Clock
  /** The authority's ONS code (`config.returns.authorityOnsCode`), for in or out of area. */
  onsCode: string | null
}

/** Measures counted at once: about the cores a database server gives one report, leaving the rest. */
const MEASURES_AT_ONCE = 3

/** The first day working days are numbered from: older dates are before any record Haven holds. */
const WORKING_DAYS_FROM = '2000-01-01'

function weekdayHolidays(calendar: WorkingCalendar, span: Span): IsoDate[] {
  const holidays: IsoDate[] = []
  for (let d = span.from; d <= span.to; d = addCalendarDays(d, 1))
    if (dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6 && !calendar.isWorkingDay(d)) holidays.push(d)
  return holidays
}

async function resolveArea(db: Db, area: Area): Promise<AreaFilter> {
  if (area.kind === 'authority') return null
  const found = await findArea(db, area)
  if (!found) throw new AreaError(`There is no ${area.kind} called "${areaLabel(area)}"`)
  return found
}

/** The year ending on `day`: a snapshot's `period` (3 placements "in the year" to 31 March). */
const yearEndingOn = (day: IsoDate): Span => ({ from: addCalendarDays(addMonths(day, -12), 1), to: day })

interface Engine {
  db: Db
  period: DigestPeriod
  area: AreaFilter
  base: Omit<QueryScope, 'period' | 'values' | 'at'>
  /** The 0–17 population by mid-year, for rates: the authority's, none for a team or a worker. */
  populations: ReadonlyMap<number, Population>
  /** The time the digest is worked out at, and its London day. */
  now: Date
  today: IsoDate
}

async function engineFor(deps: DigestDeps, periodLabel: string, area: Area): Promise<Engine> {
  const now = deps.clock.now()
  const today = londonToday(now)
  const period = digestPeriod(periodLabel, today)
  const calendar = await loadWorkingCalendar(deps.db)
  const span = { from: WORKING_DAYS_FROM, to: addCalendarDays(period.current.to, 366) }
  return {
    db: deps.db,
    now,
    today,
    period,
    area: await resolveArea(deps.db, area),
    populations:
      area.kind === 'authority' ? await populationsFor(deps.db, deps.onsCode, midYearsOf(period)) : new Map(),
    base: {
      workingDays: { ...span, holidays: weekdayHolidays(calendar, span) },
      onsCode: deps.onsCode,
      workedOutAt: now,
    },
  }
}

/** Whether the measure's units carry a `value` (a median or a mean). */
const isAggregate = (m: Pick<KpiMeasure, 'figure'>) => m.figure === 'median' || m.figure === 'mean'

/**
 * The scope a measure's query runs in. `reference(at)` is now, or for a snapshot of a day before
 * today the end of that day: a task due by then is overdue in that day's figure, as the worklist
 * shows it overdue now.
 */
const scopeOf = (e: Engine, m: KpiMeasure, period: Span, snapshotDay?: IsoDate): QueryScope => ({
  ...e.base,
  period,
  values: isAggregate(m),
  at: referenceAt(e, snapshotDay),
})

/** `reference(at)`: now, or for a snapshot of a day before today the end of that day. */
const referenceAt = (e: Engine, snapshotDay?: IsoDate): Date =>
  snapshotDay === undefined || snapshotDay >= e.today
    ? e.now
    : londonInstant(addCalendarDays(snapshotDay, 1), '00:00')

/** The area as the measure places its units in it (its `attribution`). */
const areaOf = (e: Engine, m: KpiMeasure): AreaFilter =>
  e.area !== null && m.attribution === 'units' ? { ...e.area, byUnits: true } : e.area

/**
 * What a figure's units are as a list: the span of a dated measure (the period, its rolling 12
 * months, or one trend month) or a snapshot's day, with the scope its query runs in.
 */
function figureSelection(
  e: Engine,
  m: KpiMeasure,
  month?: string,
): { span: Span; scope: QueryScope; selection: UnitSelection } {
  const snapshotDay = month ? monthEnd(month, e.period.current.to) : e.period.current.to
  if (m.period === 'snapshot')
    return {
      span: { from: snapshotDay, to: snapshotDay },
      scope: scopeOf(e, m, yearEndingOn(snapshotDay), snapshotDay),
      selection: { kind: 'snapshot', day: snapshotDay },
    }
  const span: Span = month
    ? { from: `${month}-01`, to: snapshotDay }
    : m.period === 'rolling_12_months'
      ? yearEndingOn(e.period.current.to)
      : e.period.current
  return { span, scope: scopeOf(e, m, span), selection: { kind: 'dated', span } }
}

/**
 * A measure's data-quality checks in an area: its own (the catalogue's), and with `teams`, for
 * the whole authority, the engine's, which find the units no team's figure counts, or two teams'
 * do. Those match every unit against every allocation: the measure's own page and its list of
 * records show them, the full digest (every measure at once) does not, as they would cost it
 * more than all its figures (a tenth of England: 120 s against 28 s).
 */
function qualityChecks(e: Engine, m: KpiMeasure, teams: boolean) {
  return [
    ...(m.quality ?? []),
    ...(teams && e.area === null && m.query !== null ? allocationChecks({ ...m, query: m.query }) : []),
  ]
}

/** Each data-quality check's records behind a measure's current figure. */
async function measureQuality(e: Engine, m: KpiMeasure, teams: boolean): Promise<QualityCount[]> {
  const checks = qualityChecks(e, m, teams)
  const { scope, selection } = figureSelection(e, m)
  const found = await qualityCounts(e.db, checks, scope, areaOf(e, m), selection)
  return checks.map((c) => ({ id: c.id, title: c.title, effect: c.effect, count: found.get(c.id) ?? 0 }))
}

/** A measure's counts for the current span, the previous one and each month of the trend. */
async function measureCounts(
  e: Engine,
  m: KpiMeasure,
): Promise<{ current: Counts; previous: Counts; months: Map<string, Counts> }> {
  const query = m.query as string
  const { period } = e
  if (m.period !== 'snapshot') {
    // A rolling 12 months is the 12 months to the period's end; a year the year so far.
    const current = m.period === 'rolling_12_months' ? yearEndingOn(period.current.to) : period.current
    const previous = m.period === 'rolling_12_months' ? yearEndingOn(period.previous.to) : period.previous
    const window = {
      from: [previous.from, `${period.months[0]}-01`].sort()[0] as IsoDate,
      to: period.current.to,
    }
    return datedCounts(e.db, query, scopeOf(e, m, window), areaOf(e, m), { current, previous })
  }
  const ends = new Map(period.months.map((month) => [month, monthEnd(month, period.current.to)]))
  const days = [...new Set([...ends.values(), period.current.to, period.previous.to])]
  const counted = await snapshotSeries(
    e.db,
    query,
    { ...e.base, values: isAggregate(m) },
    areaOf(e, m),
    days.map(snapshotDay(e)),
  )
  const on = (day: IsoDate) => counted.get(day) ?? NO_UNITS
  return {
    current: on(period.current.to),
    previous: on(period.previous.to),
    months: new Map([...ends].map(([month, day]) => [month, on(day)])),
  }
}

/** A snapshot's day with the scope its query sees then: the year ending on it, and `reference(at)`. */
const snapshotDay =
  (e: Engine) =>
  (day: IsoDate): SnapshotDay => ({ day, period: yearEndingOn(day), at: referenceAt(e, day) })

/**
 * The digest for a collection year (`2025/26`) and an area: figures only, no child named, so no
 * audit (the drill-down audits). The command runs it for scheduled runs; `digestFor` checks the
 * reader's role first.
 */
export async function computeDigest(
  deps: DigestDeps,
  input: { period: string; area: Area; onProgress?: (line: string) => void; measureId?: string },
): Promise<Digest> {
  const e = await engineFor(deps, input.period, input.area)
  const { measures, comparators } = await loadCatalogue(deps.db)
  // One measure's page counts that measure alone.
  const live = measures.filter(
    (m) =>
      m.status === 'live' && m.query !== null && (input.measureId === undefined || m.id === input.measureId),
  )
  // A few measures at a time, each its own statements on a connection of the pool: the database
  // works on one while another's rows come back (the embedded database takes them in turn).
  const inTurn = pLimit(MEASURES_AT_ONCE)
  // Measures that count the same units the same way (a number and its rate per 10,000 children)
  // are counted once and share the counts.
  const counting = new Map<string, ReturnType<typeof measureCounts>>()
  const countsOf = (m: KpiMeasure) => {
    const key = JSON.stringify([m.query, m.period, isAggregate(m), m.attribution ?? 'allocation'])
    const counts =
      counting.get(key) ?? inTurn(() => withDigestSettings(e.db, (db) => measureCounts({ ...e, db }, m)))
    counting.set(key, counts)
    return counts
  }
  let done = 0
  const figures = await Promise.all(
    live.map(async (m) => {
      const [counts, quality] = await Promise.all([
        countsOf(m),
        inTurn(() =>
          withDigestSettings(e.db, (db) => measureQuality({ ...e, db }, m, input.measureId !== undefined)),
        ),
      ])
      input.onProgress?.(`${++done} of ${live.length}: ${m.title}`)
      return { ...digestFigure(m, e.period, counts, comparators.get(m.id) ?? [], e.populations), quality }
    }),
  )
  return {
    period: e.period,
    area: input.area,
    generatedAt: deps.clock.now().toISOString(),
    figures,
    notYet: measures
      .filter((m) => m.status !== 'live')
      .map((m) => ({
        id: m.id,
        title: m.title,
        module: m.module,
        status: m.status as 'awaiting' | 'not_written',
        note: m.note ?? null,
      })),
  }
}

/**
 * A snapshot measure's counts now, for an area: the figure a manager's home page shows, from the
 * digest's own query and area, so the two cannot differ; with how many of its numerator's units
 * are of children the reader may see (the rest are on no list of theirs: restricted records).
 */
export async function snapshotNow(
  deps: DigestDeps,
  actor: Actor,
  measureId: string,
  area: Area,
): Promise<Counts & { visible: number }> {
  const now = deps.clock.now()
  const today = londonToday(now)
  const e = await engineFor(deps, collectionYearOf(today), area)
  const { measures } = await loadCatalogue(deps.db)
  const m = measures.find((x) => x.id === measureId && x.status === 'live')
  if (!m || m.query === null || m.period !== 'snapshot')
    throw new NotFoundError(`There is no snapshot measure ${measureId} with figures`)
  const scope = scopeOf(e, m, yearEndingOn(today), today)
  const [counts, visible] = await Promise.all([
    snapshotSeries(e.db, m.query, { ...e.base, values: isAggregate(m) }, areaOf(e, m), [
      snapshotDay(e)(today),
    ]).then((byDay) => byDay.get(today) ?? NO_UNITS),
    visibleUnitCount(
      e.db,
      actor,
      now,
      m.query,
      scope,
      areaOf(e, m),
      { kind: 'snapshot', day: today },
      'numerator',
    ),
  ])
  return { ...counts, visible }
}

/** The digest for a reader whose role lets them see performance figures. */
export async function digestFor(
  deps: DigestDeps,
  actor: Actor,
  input: { period: string; area: Area; measureId?: string },
): Promise<Digest> {
  if (!roleGrants(actor.role, 'performance.view'))
    throw new NotAllowedError('Your role does not let you see performance figures.')
  return computeDigest(deps, input)
}

export interface DrillDown {
  measure: Pick<KpiMeasure, 'id' | 'version' | 'title' | 'base' | 'figure'> & { numerator: string | null }
  part: 'numerator' | 'denominator'
  /** What was listed: the span of a dated measure, or a snapshot's day. */
  span: Span
  /** The units the reader may see, each with its child. */
  rows: UnitRow[]
  /** How many units the figure counts; those not listed are children the reader may not see. */
  counted: number
}

/**
 * The engine and the live measure a page of a figure's records is about, for a reader whose role
 * lets them see performance figures.
 */
async function liveMeasureFor(
  deps: DigestDeps,
  actor: Actor,
  input: { measureId: string; period: string; area: Area },
): Promise<{ e: Engine; m: KpiMeasure & { query: string } }> {
  if (!roleGrants(actor.role, 'performance.view'))
    throw new NotAllowedError('Your role does not let you see performance figures.')
  const e = await engineFor(deps, input.period, input.area)
  const { measures } = await loadCatalogue(deps.db)
  const m = measures.find((x) => x.id === input.measureId && x.status === 'live')
  if (!m || m.query === null) throw new NotFoundError('There is no such measure with figures')
  return { e, m: { ...m, query: m.query } }
}

/**
 * The authority's figure for a measure broken down by team: each team with any of the figure's
 * units, with the figure its own digest gives (figures only, no child named, so no audit).
 */
export async function teamFigures(
  deps: DigestDeps,
  actor: Actor,
  input: { measureId: string; period: string },
): Promise<TeamFigure[]> {
  const { e, m } = await liveMeasureFor(deps, actor, { ...input, area: { kind: 'authority' } })
  const { scope, selection } = figureSelection(e, m)
  const teams = await withDigestSettings(e.db, (db) =>
    teamCounts(db, m.query, scope, selection, m.attribution === 'units'),
  )
  return teams.map(({ team, counts }) => {
    const value = figureValue(m, counts, null)
    return { team, counts, value, rag: rag(m, value) }
  })
}

/**
 * The units and children behind one figure of a digest: the period's (or one trend month's)
 * numerator or denominator, in the area, listing only children the reader may see. Each child
 * listed is audited as read, in one statement of its own so a failure later cannot lose it.
 */
export async function drillDown(
  deps: DigestDeps,
  actor: Actor,
  audit: AuditContext,
  input: { measureId: string; period: string; area: Area; part: 'numerator' | 'denominator'; month?: string },
): Promise<DrillDown> {
  const { e, m } = await liveMeasureFor(deps, actor, input)
  if (input.month !== undefined && !e.period.months.includes(input.month))
    throw new NotFoundError('That month is not in the digest’s trend')
  const { span, scope, selection } = figureSelection(e, m, input.month)
  const part = m.figure === 'percentage' ? input.part : 'denominator'
  const found = await unitsBehind(
    deps.db,
    actor,
    deps.clock.now(),
    m.query,
    scope,
    areaOf(e, m),
    selection,
    // A count's units are its numerator: list them all.
    m.figure === 'count' ? 'numerator' : part,
  )
  await auditChildrenListed(deps.db, audit, m, found.rows, {
    page: 'digest',
    period: e.period.label,
    area: areaLabel(input.area),
    part,
    span,
  })
  return {
    measure: {
      id: m.id,
      version: m.version,
      title: m.title,
      base: m.base,
      figure: m.figure,
      numerator: m.numerator ?? null,
    },
    part,
    span,
    rows: found.rows,
    counted: found.counted,
  }
}

/**
 * Each child a page of a figure's records lists, audited as read once, in one statement of its
 * own so a failure later cannot lose it: the drill-down's and the data-quality page's one rule.
 */
async function auditChildrenListed(
  db: Db,
  audit: AuditContext,
  m: Pick<KpiMeasure, 'id' | 'version'>,
  rows: readonly { childId: number }[],
  detail: Record<string, unknown>,
): Promise<void> {
  const children = [...new Set(rows.map((r) => r.childId))]
  await recordAuditsAlone(
    db,
    audit,
    children.map((childId) => ({
      action: 'child.list',
      outcome: 'allowed' as const,
      childId,
      recordType: 'measure',
      recordId: `${m.id}@${m.version}`,
      detail,
    })),
  )
}

export interface QualityList {
  measure: Pick<KpiMeasure, 'id' | 'version' | 'title'>
  /** What was checked: the figure's span, or a snapshot's day. */
  span: Span
  /** Each check with how many records it finds in all, and those the reader may see. */
  checks: (QualityCount & { rows: QualityRow[] })[]
  /** Records found in all; those not listed are of children the reader may not see. */
  counted: number
  listed: number
}

/**
 * The records whose missing or inconsistent data affects a figure, check by check: the current
 * period's, in the area, listing only children the reader may see, each child listed audited as
 * read (as the drill-down does).
 */
export async function qualityList(
  deps: DigestDeps,
  actor: Actor,
  audit: AuditContext,
  input: { measureId: string; period: string; area: Area },
): Promise<QualityList> {
  const { e, m } = await liveMeasureFor(deps, actor, input)
  const checks = qualityChecks(e, m, true)
  const { span, scope, selection } = figureSelection(e, m)
  const [counts, found] = await Promise.all([
    qualityCounts(deps.db, checks, scope, areaOf(e, m), selection),
    qualityRecords(deps.db, actor, deps.clock.now(), checks, scope, areaOf(e, m), selection),
  ])
  await auditChildrenListed(deps.db, audit, m, found.rows, {
    page: 'digest-quality',
    period: e.period.label,
    area: areaLabel(input.area),
    span,
  })
  return {
    measure: { id: m.id, version: m.version, title: m.title },
    span,
    checks: checks.map((c) => ({
      id: c.id,
      title: c.title,
      effect: c.effect,
      count: counts.get(c.id) ?? 0,
      rows: found.rows
        .filter((r) => r.checkId === c.id)
        // A link the catalogue gives is a page of Haven's own; anything else is the child's record.
        .map((r) => ({ ...r, recordHref: /^\/[a-z]/.test(r.recordHref ?? '') ? r.recordHref : null })),
    })),
    counted: found.counted,
    listed: found.rows.length,
  }
}

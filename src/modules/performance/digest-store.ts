/**
 * The digest's SQL: each measure's units query (reference/kpis/*.json) run with its scope
 * (`period`, `working_day`, `authority`), filtered by period and area, and counted by month and
 * by span, or for a snapshot at each reference date; or listed unit by unit for the drill-down,
 * filtered to the children the reader may see. Set-based: one statement per measure and span.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { IsoDate } from '../../platform/calendar/dates.js'
import type { Database } from '../../platform/db/schema.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { visibleChildren } from '../../platform/permissions/store.js'
import { NO_UNITS, type Counts, type Span } from './model.js'

/** What a measure's query may read besides the published views. */
export interface QueryScope {
  /** Whether its units carry a `value` (a median or a mean). */
  values: boolean
  /** `period(starts, ends)`. */
  period: Span
  /** The working-day numbering's first and last day, and the weekday bank holidays between. */
  workingDays: Span & { holidays: IsoDate[] }
  /** The authority's ONS code, for in or out of area; null when not configured. */
  onsCode: string | null
  /** `reference(at)`: the instant the figure is as at. */
  at: Date
  /** `worked_out(at)`: the instant the figures are worked out (the clock's now), every day alike. */
  workedOutAt: Date
}

/**
 * The area as ids, or everyone: a team's or a worker's allocated children, or with `byUnits` the
 * units the query gives that team or worker (the measure's `attribution`).
 */
export type AreaFilter = (({ teamId: number } | { userId: number }) & { byUnits?: boolean }) | null

/** The scope's relations that are the same on every day: `working_day`, `authority`, `worked_out`. */
function fixedScope(scope: Pick<QueryScope, 'workingDays' | 'onsCode' | 'workedOutAt'>): RawBuilder<unknown> {
  const w = scope.workingDays
  return sql`working_day as (
  select d::date as day,
         (count(*) filter (where extract(isodow from d) < 6 and not (d::date = any(${w.holidays}::date[])))
            over (order by d))::integer as n
    from generate_series(${w.from}::date, ${w.to}::date, interval '1 day') d),
authority as (select ${scope.onsCode}::text as ons_code),
worked_out as (select ${scope.workedOutAt.toISOString()}::timestamptz as at)`
}

function withScope(scope: QueryScope, query: string): RawBuilder<unknown> {
  return sql`with period as (select ${scope.period.from}::date as starts, ${scope.period.to}::date as ends),
${fixedScope(scope)},
reference as (select ${scope.at}::timestamptz as at)
select * from (${sql.raw(query)}) q`
}

/**
 * The area's allocations, read once for the statement as a CTE (`area_allocation`): a team's or
 * worker's allocated children, each from and to the day. Null when the area is everyone, or when
 * the measure's units carry their own team and worker.
 */
function areaAllocations(area: AreaFilter): RawBuilder<unknown> | null {
  if (area === null || area.byUnits) return null
  const who = 'teamId' in area ? sql`a.team_id = ${area.teamId}` : sql`a.user_id = ${area.userId}`
  return sql`area_allocation as materialized (
    select a.child_id, a.from_date, a.to_date from performance_child_allocation_v a where ${who})`
}

/** `with area_allocation as …` before a statement that needs it, or nothing. */
function withArea(area: AreaFilter): RawBuilder<unknown> {
  const cte = areaAllocations(area)
  return cte === null ? sql`` : sql`with ${cte}`
}

/**
 * Whether the unit's child was allocated within the area on `day` (an SQL date expression): its
 * statement holds `areaAllocations(area)`.
 */
function inArea(area: AreaFilter, day: RawBuilder<unknown>): RawBuilder<unknown> {
  if (area === null) return sql`true`
  if (area.byUnits)
    return 'teamId' in area ? sql`u.team_id = ${area.teamId}` : sql`u.user_id = ${area.userId}`
  return sql`exists (select 1 from area_allocation a
                      where a.child_id = u.child_id
                        and a.from_date <= ${day} and (a.to_date is null or a.to_date > ${day}))`
}

/**
 * Run `count` with the settings a digest's statements are planned with, in a transaction of its
 * own (inside one already, the caller's settings stand):
 * - no parallel workers: the digest counts a few measures side by side, which keeps the
 *   database's cores busy already, and a statement given workers as well had each of them build
 *   the same hash again (every met decision clock three times over): on a tenth of England the
 *   full digest took 6.2 s with workers and 4.4 s without;
 * - `work_mem` of 64 MB, not PostgreSQL's 4 MB: a measure's units are sorted and grouped by child
 *   and day, which at 4 MB spilled to disk.
 */
export async function withDigestSettings<T>(
  db: Kysely<Database>,
  count: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return count(db)
  return db.transaction().execute(async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx)
    await sql`set local work_mem = '64MB'`.execute(trx)
    return count(trx)
  })
}

/** How many units a measure's query gives in a scope, whole: no period, day or area applied. */
export async function unitsCount(db: Kysely<Database>, query: string, scope: QueryScope): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from (${withScope(scope, query)}) q`.execute(
    db,
  )
  return Number(rows[0]?.n ?? 0)
}

/** A median's or mean's units carry a `value`; other measures' queries need not return one. */
const aggregates = (values: boolean) => sql`count(*)::integer as units,
  (count(*) filter (where u.in_numerator))::integer as numerator,
  ${values ? sql`percentile_cont(0.5) within group (order by u.value)` : sql`null::double precision`} as median,
  ${values ? sql`avg(u.value)::double precision` : sql`null::double precision`} as mean`

interface CountRow {
  units: number
  numerator: number
  median: number | null
  mean: number | null
}

const counts = (r: CountRow): Counts => ({
  units: Number(r.units),
  numerator: Number(r.numerator),
  median: r.median === null ? null : Number(r.median),
  mean: r.mean === null ? null : Number(r.mean),
})

/**
 * A dated measure's counts over `window`: by London month, and over each named span (the current
 * period and the previous one), from one statement with grouping sets.
 */
export async function datedCounts(
  db: Kysely<Database>,
  query: string,
  scope: QueryScope,
  area: AreaFilter,
  spans: Record<'current' | 'previous', Span>,
): Promise<{ months: Map<string, Counts>; current: Counts; previous: Counts }> {
  const { from, to } = scope.period
  const rows = await sql<CountRow & { month: string | null; span: string | null; by_month: number }>`
    ${withArea(area)}
    select u.month, u.span, grouping(u.month) as by_month, ${aggregates(scope.values)}
      from (select q.*, to_char(q.on_date, 'YYYY-MM') as month,
                   case when q.on_date between ${spans.current.from}::date and ${spans.current.to}::date then 'current'
                        when q.on_date between ${spans.previous.from}::date and ${spans.previous.to}::date then 'previous'
                   end as span
              from (${withScope(scope, query)}) q
             where q.on_date between ${from}::date and ${to}::date) u
     where ${inArea(area, sql`u.on_date`)}
     group by grouping sets ((u.month), (u.span))`.execute(db)
  const months = new Map<string, Counts>()
  const spanCounts: Record<string, Counts> = {}
  for (const r of rows.rows) {
    if (Number(r.by_month) === 0 && r.month !== null) months.set(r.month, counts(r))
    else if (Number(r.by_month) === 1 && r.span !== null) spanCounts[r.span] = counts(r)
  }
  const none: Counts = { units: 0, numerator: 0, median: null, mean: null }
  return { months, current: spanCounts.current ?? none, previous: spanCounts.previous ?? none }
}

/** A snapshot's reference day, with the year ending on it (`period`) and its `reference(at)`. */
export interface SnapshotDay {
  day: IsoDate
  period: Span
  at: Date
}

/** Whether a query reads a relation of the scope by name (`period`, `reference`), not in a comment. */
const reads = (query: string, relation: string): boolean =>
  new RegExp(`\\b${relation}\\b`).test(query.replace(/--[^\n]*/g, ''))

/**
 * A snapshot measure's counts on each of `days` (the trend's month ends, the period's end and the
 * year before's), from one statement: the units open on each day. A query whose units do not
 * depend on the day (it reads neither `period` nor `reference`) is run once and its units counted
 * on every day; one that does is run for each day with that day's scope (a lateral subquery), so
 * the counts are those of one statement per day, without the round trips and planning of each.
 */
export async function snapshotSeries(
  db: Kysely<Database>,
  query: string,
  scope: Omit<QueryScope, 'period' | 'at'>,
  area: AreaFilter,
  days: readonly SnapshotDay[],
): Promise<Map<IsoDate, Counts>> {
  if (days.length === 0) return new Map()
  const byDay = [
    ...(reads(query, 'period') ? [sql`period as (select d.starts as starts, d.day as ends)`] : []),
    ...(reads(query, 'reference') ? [sql`reference as (select d.at as at)`] : []),
  ]
  const units =
    byDay.length > 0
      ? sql`cross join lateral (with ${sql.join(byDay)} select * from (${sql.raw(query)}) q) u`
      : sql`join units u on true`
  // Read once, the units are those open on some day counted: a history of many years, most of it
  // before the first day, is not matched against each day.
  const sorted = days.map((d) => d.day).sort()
  const [first, last] = [sorted[0] as IsoDate, sorted[sorted.length - 1] as IsoDate]
  const rows = await sql<CountRow & { day: string }>`
    with ${fixedScope(scope)}
    ${
      byDay.length > 0
        ? sql``
        : sql`, units as materialized (
      select * from (${sql.raw(query)}) q
       where q.from_date <= ${last}::date and (q.to_date is null or q.to_date > ${first}::date))`
    }
    ${areaAllocations(area) === null ? sql`` : sql`, ${areaAllocations(area)}`}
    select d.day::text as day, ${aggregates(scope.values)}
      from unnest(${days.map((d) => d.day)}::date[], ${days.map((d) => d.period.from)}::date[],
                  ${days.map((d) => d.at.toISOString())}::timestamptz[]) as d(day, starts, at)
      ${units}
     where u.from_date <= d.day and (u.to_date is null or u.to_date > d.day)
       and ${inArea(area, sql`d.day`)}
     group by d.day`.execute(db)
  const found = new Map(rows.rows.map((r) => [r.day as IsoDate, counts(r)]))
  return new Map(days.map((d) => [d.day, found.get(d.day) ?? NO_UNITS]))
}

/**
 * A figure's counts for each team that has any of its units: a unit counts in a team's figure by
 * its child's allocated workers in that team on the unit's day (once, however many there are),
 * or for a measure attributed by units by the team the unit names; as each team's own digest
 * counts it, from one statement.
 */
export async function teamCounts(
  db: Kysely<Database>,
  query: string,
  scope: QueryScope,
  selection: UnitSelection,
  byUnits: boolean,
): Promise<{ team: string; counts: Counts }[]> {
  const { within, day } = selecting(selection)
  const rows = byUnits
    ? await sql<CountRow & { team: string }>`
        select t.name as team, ${aggregates(scope.values)}
          from (${withScope(scope, query)}) u
          join team t on t.id = u.team_id
         where ${within}
         group by t.id, t.name`.execute(db)
    : await sql<CountRow & { team: string }>`
        with unit as materialized (
          select u.*, ${day} as unit_day, row_number() over () as unit_no
            from (${withScope(scope, query)}) u
           where ${within}),
        in_team as (
          select distinct u.unit_no, a.team_id
            from unit u
            join performance_child_allocation_v a on a.child_id = u.child_id and a.team_id is not null
                 and a.from_date <= u.unit_day and (a.to_date is null or a.to_date > u.unit_day))
        select t.name as team, ${aggregates(scope.values)}
          from in_team i
          join unit u on u.unit_no = i.unit_no
          join team t on t.id = i.team_id
         group by t.id, t.name`.execute(db)
  return rows.rows
    .map((r) => ({ team: r.team, counts: counts(r) }))
    .sort((a, b) => a.team.localeCompare(b.team))
}

/** Which units of a figure to list: those dated in a span, or those open on a snapshot's day. */
export type UnitSelection = { kind: 'dated'; span: Span } | { kind: 'snapshot'; day: IsoDate }

export interface UnitRow {
  unitId: string
  childId: number
  onDate: string | null
  inNumerator: boolean
  value: number | null
  givenName: string
  familyName: string
}

/** The columns a listed unit has, whether behind a figure or found by a data-quality check. */
interface ListedUnit {
  unit_id: string
  child_id: number
  on_date: string | null
  in_numerator: boolean
  value: number | null
  check_id: string | null
  record_href: string | null
  detail: string | null
}

/** The dates a selection keeps, and the day a unit's area is judged on. */
function selecting(selection: UnitSelection): { within: RawBuilder<unknown>; day: RawBuilder<unknown> } {
  return selection.kind === 'dated'
    ? {
        within: sql`u.on_date between ${selection.span.from}::date and ${selection.span.to}::date`,
        day: sql`u.on_date`,
      }
    : {
        within: sql`u.from_date <= ${selection.day}::date and (u.to_date is null or u.to_date > ${selection.day}::date)`,
        day: sql`${selection.day}::date`,
      }
}

/**
 * Units listed for a reader: those whose children the reader may see (through `child_access`, as
 * every list does), with how many there are in all: the rest are counted, not shown. The one
 * listing both the drill-down and the data-quality page use.
 */
async function visibleUnits(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  units: RawBuilder<ListedUnit>,
): Promise<{
  rows: (UnitRow & { checkId: string | null; recordHref: string | null; detail: string | null })[]
  counted: number
}> {
  const [rows, counted] = await Promise.all([
    db
      .selectFrom(units.as('v'))
      .innerJoin('person', 'person.id', 'v.child_id')
      .where(visibleChildren(actor, now))
      .select([
        'v.unit_id as unitId',
        'v.child_id as childId',
        'v.on_date as onDate',
        'v.in_numerator as inNumerator',
        'v.value',
        'v.check_id as checkId',
        'v.record_href as recordHref',
        'v.detail',
        'person.given_name as givenName',
        'person.family_name as familyName',
      ])
      .orderBy('v.check_id')
      .orderBy('v.on_date')
      .orderBy('v.unit_id')
      .execute(),
    db
      .selectFrom(units.as('v'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return {
    rows: rows.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) })),
    counted: Number(counted.n),
  }
}

/** A figure's units in the area: those dated in a span, or open on a snapshot's day. */
function figureUnits(
  query: string,
  scope: QueryScope,
  area: AreaFilter,
  selection: UnitSelection,
  part: 'numerator' | 'denominator',
): RawBuilder<ListedUnit> {
  const { within, day } = selecting(selection)
  return sql<ListedUnit>`(
    ${withArea(area)}
    select u.unit_id::text as unit_id, u.child_id, ${selection.kind === 'dated' ? sql`u.on_date` : sql`u.from_date`} as on_date,
           coalesce(u.in_numerator, false) as in_numerator,
           ${scope.values ? sql`u.value` : sql`null::numeric`} as value,
           null::text as check_id, null::text as record_href, null::text as detail
      from (${withScope(scope, query)}) u
     where ${within} and ${inArea(area, day)}
       ${part === 'numerator' ? sql`and u.in_numerator` : sql``})`
}

/** How many of a figure's units are of children the reader may see (a count, nothing listed). */
export async function visibleUnitCount(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  query: string,
  scope: QueryScope,
  area: AreaFilter,
  selection: UnitSelection,
  part: 'numerator' | 'denominator',
): Promise<number> {
  const row = await db
    .selectFrom(figureUnits(query, scope, area, selection, part).as('v'))
    .innerJoin('person', 'person.id', 'v.child_id')
    .where(visibleChildren(actor, now))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The units behind a figure whose children the reader may see (through `child_access`, as every
 * list does), with how many the figure counts in all: the rest are counted, not shown.
 */
export async function unitsBehind(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  query: string,
  scope: QueryScope,
  area: AreaFilter,
  selection: UnitSelection,
  part: 'numerator' | 'denominator',
): Promise<{ rows: UnitRow[]; counted: number }> {
  const units = figureUnits(query, scope, area, selection, part)
  const found = await visibleUnits(db, actor, now, units)
  return {
    rows: found.rows.map(({ checkId: _c, recordHref: _h, detail: _d, ...r }) => r),
    counted: found.counted,
  }
}

/** A data-quality check as the store runs it: its id and its records' query. */
export interface QualityQuery {
  id: string
  query: string
}

/**
 * One check's records, filtered as the figure's units are: dated in the span (or open on the
 * snapshot's day) and in the area. `record_href` and `detail` are optional columns of the check's
 * query, read through `to_jsonb` so a query need not name them.
 */
function checkRecords(check: QualityQuery, scope: QueryScope, area: AreaFilter, selection: UnitSelection) {
  const { within, day } = selecting(selection)
  return sql<ListedUnit>`
    ${withArea(area)}
    select u.unit_id::text as unit_id, u.child_id,
           ${selection.kind === 'dated' ? sql`u.on_date` : sql`u.from_date`} as on_date,
           false as in_numerator, null::numeric as value, ${check.id}::text as check_id,
           to_jsonb(u) ->> 'record_href' as record_href, to_jsonb(u) ->> 'detail' as detail
      from (${withScope(scope, check.query)}) u
     where ${within} and ${inArea(area, day)}`
}

/**
 * How many records each data-quality check finds behind a figure (the same period and area), in
 * one statement for all of a measure's checks.
 */
export async function qualityCounts(
  db: Kysely<Database>,
  checks: readonly QualityQuery[],
  scope: QueryScope,
  area: AreaFilter,
  selection: UnitSelection,
): Promise<Map<string, number>> {
  const found = new Map(checks.map((c) => [c.id, 0]))
  if (checks.length === 0) return found
  const parts = checks.map(
    (c) =>
      sql`select ${c.id}::text as check_id, count(*)::integer as n from (${checkRecords(c, scope, area, selection)}) r`,
  )
  const rows = await sql<{ check_id: string; n: number }>`${sql.join(parts, sql` union all `)}`.execute(db)
  for (const r of rows.rows) found.set(r.check_id, Number(r.n))
  return found
}

/**
 * The records data-quality checks find behind a figure, of children the reader may see, with how
 * many there are in all (the rest are counted, not shown).
 */
export async function qualityRecords(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  checks: readonly QualityQuery[],
  scope: QueryScope,
  area: AreaFilter,
  selection: UnitSelection,
): Promise<{ rows: QualityRow[]; counted: number }> {
  if (checks.length === 0) return { rows: [], counted: 0 }
  const parts = checks.map((c) => sql`(${checkRecords(c, scope, area, selection)})`)
  const found = await visibleUnits(db, actor, now, sql<ListedUnit>`(${sql.join(parts, sql` union all `)})`)
  return {
    rows: found.rows.map(({ inNumerator: _i, value: _v, checkId, ...r }) => ({
      ...r,
      checkId: checkId ?? '',
    })),
    counted: found.counted,
  }
}

/** A record a data-quality check found, with its child and where it is put right. */
export interface QualityRow extends Omit<UnitRow, 'inNumerator' | 'value'> {
  checkId: string
  recordHref: string | null
  detail: string | null
}

/**
 * The checks the engine adds to every live measure for the whole authority, so the teams' figures
 * visibly add up to the authority's: a unit counts in a team's figure by its child's allocated
 * worker on the unit's day (or by the team the unit names, for a measure attributed by units), so
 * a unit with none is in the authority's figure and in no team's, and one whose child has workers
 * in two teams that day is in both.
 */
export function allocationChecks(m: {
  query: string
  period: string
  attribution?: 'allocation' | 'units' | undefined
}): (QualityQuery & { title: string; effect: string })[] {
  if (m.attribution === 'units')
    return [
      {
        id: 'no-team',
        title: 'Not assigned to a team',
        effect: 'counted in the authority’s figure and in no team’s, so the teams’ figures add up to less',
        query: `select m.* from (${m.query}) m where m.team_id is null`,
      },
    ]
  // Set-based: the allocations in a team read once (materialised), and each unit matched against
  // them by its child (a semi- or anti-join), not a count worked out unit by unit.
  const day = m.period === 'snapshot' ? '(select ends from period)' : 'm.on_date'
  const inTeams = `with team_allocation as materialized (
    select a.child_id, a.team_id, a.from_date, a.to_date
      from performance_child_allocation_v a where a.team_id is not null)`
  const open = (a: string) => `${a}.from_date <= ${day} and (${a}.to_date is null or ${a}.to_date > ${day})`
  return [
    {
      id: 'no-team',
      title: 'No allocated worker in a team on the day',
      effect: 'counted in the authority’s figure and in no team’s, so the teams’ figures add up to less',
      query: `${inTeams}
select m.* from (${m.query}) m
 where not exists (select 1 from team_allocation a where a.child_id = m.child_id and ${open('a')})`,
    },
    {
      id: 'two-teams',
      title: 'Allocated workers in more than one team on the day',
      effect: 'counted in each of those teams’ figures, so the teams’ figures add up to more',
      query: `${inTeams}
select m.* from (${m.query}) m
 where exists (select 1 from team_allocation a
                 join team_allocation b on b.child_id = a.child_id and b.team_id <> a.team_id
                where a.child_id = m.child_id and ${open('a')} and ${open('b')})`,
    },
  ]
}

/** The team or worker an area names, as ids; null when there is none of that name. */
export async function findArea(
  db: Kysely<Database>,
  area: { kind: 'team'; name: string } | { kind: 'worker'; username: string },
): Promise<AreaFilter> {
  if (area.kind === 'team') {
    const team = await db.selectFrom('team').select('id').where('name', '=', area.name).executeTakeFirst()
    return team ? { teamId: team.id } : null
  }
  const user = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', area.username.toLowerCase())
    .executeTakeFirst()
  return user ? { userId: user.id } : null
}

/**
 * The areas the digest's form offers: every team, and every member of staff who holds a team and
 * works cases (a worker's area is the children allocated to them), by team and name.
 */
export async function areaChoices(
  db: Kysely<Database>,
): Promise<{ teams: string[]; workers: { username: string; name: string; team: string }[] }> {
  const [teams, workers] = await Promise.all([
    db.selectFrom('team').select('name').orderBy('name').orderBy('id').execute(),
    db
      .selectFrom('app_user')
      .innerJoin('team', 'team.id', 'app_user.team_id')
      .select(['app_user.username', 'app_user.display_name as name', 'team.name as team'])
      .where('app_user.disabled_at', 'is', null)
      .where('app_user.role', 'in', ['social_worker', 'mash_social_worker', 'team_manager'])
      .orderBy('team.name')
      .orderBy('app_user.display_name')
      .orderBy('app_user.id')
      .execute(),
  ])
  return { teams: teams.map((t) => t.name), workers }
}

/** The names of the teams given, by name. */
export async function teamsNamed(db: Kysely<Database>, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('team').select('name').where('id', 'in', ids).orderBy('name').execute()
  return rows.map((r) => r.name)
}

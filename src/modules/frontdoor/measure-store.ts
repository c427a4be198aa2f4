/**
 * The front door's measures in SQL: each measure's own statements (`measures.ts`) wrapped with
 * the period, counted for the figure, broken down by month, or listed child by child for the
 * drill-down, filtered to the children the reader may see.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import type { Measure } from './measures.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { visibleChildren } from '../../platform/permissions/store.js'

export interface Period {
  starts: Date
  ends: Date
}

interface Unit {
  item_id: number
  child_id: number
  at: Date
  category: string | null
  value: number | null
}

/** One of the measure's statements as a derived table, with its period in scope. */
function units(statement: string, period: Period): RawBuilder<Unit> {
  return sql<Unit>`(with period as (select ${period.starts}::timestamptz as starts, ${period.ends}::timestamptz as ends) ${sql.raw(statement)})`
}

const londonMonth = sql<string>`to_char(u.at at time zone 'Europe/London', 'YYYY-MM')`

export interface MeasureCounts {
  denominator: number
  numerator: number | null
  median: number | null
}

/** The figure's parts over the whole service (no child is named, so no permission filter). */
export async function measureCounts(
  db: Kysely<Database>,
  measure: Measure,
  period: Period,
): Promise<MeasureCounts> {
  const den = await db
    .selectFrom(units(measure.denominator, period).as('u'))
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      sql<number | null>`percentile_cont(0.5) within group (order by u.value)`.as('median'),
    ])
    .executeTakeFirstOrThrow()
  const num = measure.numerator
    ? await db
        .selectFrom(units(measure.numerator, period).as('u'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    : null
  return {
    denominator: Number(den.n),
    numerator: num === null ? null : Number(num.n),
    median: measure.figure === 'median' && den.median !== null ? Number(den.median) : null,
  }
}

/** Counts by month and category, for a measure broken down so. */
export async function measureBreakdown(db: Kysely<Database>, measure: Measure, period: Period) {
  const rows = await db
    .selectFrom(units(measure.denominator, period).as('u'))
    .select((eb) => [londonMonth.as('month'), 'u.category', eb.fn.countAll<number>().as('n')])
    .groupBy([londonMonth, 'u.category'])
    .orderBy(londonMonth)
    .orderBy('u.category')
    .execute()
  return rows.map((r) => ({ month: r.month, category: r.category ?? '', n: Number(r.n) }))
}

export interface UnitFilter {
  month?: string
  category?: string
}

/**
 * One page of the children behind a part of a measure, those the reader may see (in SQL, through
 * `child_access`), with how many there are and how many the figure counts in all.
 */
export async function measureChildren(
  db: Kysely<Database>,
  actor: Actor,
  statement: string,
  period: Period,
  filter: UnitFilter,
  page: { size: number; offset: number },
  now: Date,
) {
  let all = db.selectFrom(units(statement, period).as('u'))
  if (filter.month) all = all.where(londonMonth, '=', filter.month)
  if (filter.category) all = all.where('u.category', '=', filter.category)
  const visible = all.innerJoin('person', 'person.id', 'u.child_id').where(visibleChildren(actor, now))
  const [rows, shown, counted] = await Promise.all([
    visible
      .select([
        'u.item_id as itemId',
        'u.child_id as childId',
        'u.at',
        'u.category',
        'u.value',
        'person.given_name',
        'person.family_name',
      ])
      .orderBy('u.at', 'desc')
      .orderBy('u.item_id', 'desc')
      .limit(page.size)
      .offset(page.offset)
      .execute(),
    visible.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    all.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(shown.n), counted: Number(counted.n) }
}

/**
 * Placements' commissioning, cost and approval: the SQL (migration 0069). No permission checks
 * here. The distance from home and the LA of placement come from `care_placement_v`, which reads
 * the postcode reference.
 */
import { sql } from 'kysely'
import type { Actor } from '../../platform/permissions/allow.js'
import { visibleChildren } from '../../platform/permissions/store.js'
import { isUniqueViolation } from '../../platform/db/errors.js'
import type { ApprovalKind, CommissioningRoute } from './placement-model.js'
import type { Db, Trx } from './store.js'

export async function insertCost(
  trx: Trx,
  c: {
    placementId: number
    childId: number
    from: string
    route: CommissioningRoute
    weeklyPence: number | null
    by: number
    at: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_placement_cost')
    .values({
      placement_id: c.placementId,
      child_id: c.childId,
      from_date: c.from,
      route: c.route,
      weekly_pence: c.weeklyPence,
      recorded_by: c.by,
      recorded_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The approval's id, or 'recorded' when another request recorded this kind just now. */
export async function insertApproval(
  trx: Trx,
  a: {
    placementId: number
    childId: number
    kind: ApprovalKind
    approvedOn: string
    approver: string
    by: number
    at: Date
  },
): Promise<number | 'recorded'> {
  try {
    const { id } = await trx
      .insertInto('care_placement_approval')
      .values({
        placement_id: a.placementId,
        child_id: a.childId,
        kind: a.kind,
        approved_on: a.approvedOn,
        approver: a.approver,
        recorded_by: a.by,
        recorded_at: a.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  } catch (err) {
    if (isUniqueViolation(err, 'care_placement_approval_once')) return 'recorded'
    throw err
  }
}

/** The period's current placement (one, by the unique index). */
export async function currentPlacementOf(db: Db, periodId: number) {
  return db
    .selectFrom('care_placement')
    .selectAll()
    .where('period_id', '=', periodId)
    .where('end_date', 'is', null)
    .executeTakeFirst()
}

/** The kinds of approval a placement has. */
export async function approvalKinds(db: Db, placementId: number): Promise<ApprovalKind[]> {
  const rows = await db
    .selectFrom('care_placement_approval')
    .select('kind')
    .where('placement_id', '=', placementId)
    .orderBy('id')
    .execute()
  return rows.map((r) => r.kind)
}

/** The child's placements as published (cost now, approvals, LA and distance), oldest first. */
export async function placementsOf(db: Db, childId: number) {
  return db
    .selectFrom('care_placement_v')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('start_date')
    .orderBy('placement_id')
    .execute()
}

/** Every cost row of the child's placements, with who recorded it, newest first. */
export async function costsOf(db: Db, childId: number) {
  return db
    .selectFrom('care_placement_cost as c')
    .leftJoin('app_user as u', 'u.id', 'c.recorded_by')
    .select(['c.id', 'c.placement_id', 'c.from_date', 'c.route', 'c.weekly_pence', 'c.recorded_at'])
    .select('u.display_name as recordedByName')
    .where('c.child_id', '=', childId)
    .orderBy('c.from_date', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
}

/**
 * Each placement of the children given (every child looked after now, when null) with whether it
 * began with the same carers as the one before (its first episode's RNE B or U), for the
 * stability measures; oldest first.
 */
export async function staysOf(db: Db, childIds: readonly number[] | null) {
  if (childIds !== null && childIds.length === 0) return []
  let q = db
    .selectFrom('care_placement as pl')
    .select(['pl.id', 'pl.child_id', 'pl.period_id', 'pl.start_date', 'pl.end_date', 'pl.place'])
    .select(
      sql<boolean>`coalesce((select e.rne in ('B', 'U') from care_episode e where e.placement_id = pl.id order by e.start_date, e.id limit 1), false)`.as(
        'same_carer',
      ),
    )
  q =
    childIds === null
      ? q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('care_period as p')
              .select('p.id')
              .whereRef('p.child_id', '=', 'pl.child_id')
              .where('p.end_date', 'is', null),
          ),
        )
      : q.where('pl.child_id', 'in', [...childIds])
  return q.orderBy('pl.child_id').orderBy('pl.start_date').orderBy('pl.id').execute()
}

/**
 * The current placement of every child looked after now (those the reader may see, when `reader`
 * is given), with the child's name and date of birth and when their period of care began.
 */
export async function currentPlacements(db: Db, reader: { actor: Actor; now: Date } | null) {
  const all = db
    .selectFrom('care_placement_v as v')
    .innerJoin('care_period as p', 'p.id', 'v.period_id')
    .innerJoin('person', 'person.id', 'v.child_id')
    .where('v.end_date', 'is', null)
    .where('p.end_date', 'is', null)
    .where('person.deleted_at', 'is', null)
  return (reader === null ? all : all.where(visibleChildren(reader.actor, reader.now)))
    .selectAll('v')
    .select([
      'person.given_name',
      'person.family_name',
      'person.date_of_birth',
      'p.start_date as period_start',
    ])
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .orderBy('v.child_id')
    .execute()
}
export type CurrentPlacementRow = Awaited<ReturnType<typeof currentPlacements>>[number]

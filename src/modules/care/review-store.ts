/**
 * The SQL of reviews and the IRO: who has been the IRO of a period of care (migration 0058), the
 * reviews held and their minutes, and the running review clock's due date. No permission checks
 * here; the review service decides who may call what.
 */
import type { Db, Trx } from './store.js'
import { MINUTES_CLOCK, REVIEW_CLOCKS } from './review-model.js'

const IRO_ROLE = 'independent_reviewing_officer'

/** The IROs a manager may allocate: accounts with the role, not disabled, by name. */
export async function iroCandidates(db: Db) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('role', '=', IRO_ROLE)
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
}

/** The period's current IRO allocation with the IRO's name, or undefined. */
export async function currentIro(db: Db, periodId: number) {
  return db
    .selectFrom('care_iro_allocation as a')
    .innerJoin('app_user as u', 'u.id', 'a.iro_user_id')
    .select(['a.id', 'a.iro_user_id', 'a.grant_id', 'a.from_at', 'u.display_name as iroName'])
    .where('a.period_id', '=', periodId)
    .where('a.to_at', 'is', null)
    .executeTakeFirst()
}

/** Every IRO the child has had, newest first, with their names. */
export async function iroHistoryOf(db: Db, childId: number) {
  return db
    .selectFrom('care_iro_allocation as a')
    .innerJoin('app_user as u', 'u.id', 'a.iro_user_id')
    .select(['a.id', 'a.period_id', 'a.from_at', 'a.to_at', 'a.end_reason', 'u.display_name as iroName'])
    .where('a.child_id', '=', childId)
    .orderBy('a.from_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute()
}

export async function insertIroAllocation(
  trx: Trx,
  a: { periodId: number; childId: number; iroUserId: number; grantId: number; by: number; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_iro_allocation')
    .values({
      period_id: a.periodId,
      child_id: a.childId,
      iro_user_id: a.iroUserId,
      grant_id: a.grantId,
      from_at: a.at,
      allocated_by: a.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Ends the period's current allocation; returns it (its grant to revoke), or undefined when none. */
export async function endIroAllocation(
  trx: Trx,
  periodId: number,
  end: { at: Date; by: number; reason: string },
) {
  return trx
    .updateTable('care_iro_allocation')
    .set({ to_at: end.at, ended_by: end.by, end_reason: end.reason })
    .where('period_id', '=', periodId)
    .where('to_at', 'is', null)
    .returning(['id', 'iro_user_id', 'grant_id'])
    .executeTakeFirst()
}

/** The day of the period's last review, or null when none has been held. */
export async function lastReviewOn(db: Db, periodId: number): Promise<string | null> {
  const row = await db
    .selectFrom('lac_review')
    .select((eb) => eb.fn.max('held_on').as('last'))
    .where('period_id', '=', periodId)
    .executeTakeFirst()
  return row?.last ?? null
}

/** The period's running review clock (the next review due), soonest first, or undefined. */
export async function runningReviewTask(db: Db, periodId: number) {
  return db
    .selectFrom('task')
    .select(['id', 'clock_code', 'title', 'due_at'])
    .where('subject_type', '=', 'period_of_care')
    .where('subject_id', '=', String(periodId))
    .where('clock_code', 'in', REVIEW_CLOCKS)
    .where('stopped_at', 'is', null)
    .orderBy('due_at')
    .orderBy('id')
    .executeTakeFirst()
}

export interface NewReview {
  periodId: number
  childId: number
  heldOn: string
  participation: string
  chairUserId: number
  report: { sharedOn: string | null; notSharedReason: string | null }
  dueOn: string | null
  lateReason: string | null
  by: number
  at: Date
}

/** The new review's id. The caller holds the period's lock and has checked the date is after the last. */
export async function insertReview(trx: Trx, r: NewReview): Promise<number> {
  const { id } = await trx
    .insertInto('lac_review')
    .values({
      period_id: r.periodId,
      child_id: r.childId,
      held_on: r.heldOn,
      participation: r.participation,
      chair_user_id: r.chairUserId,
      report_shared_on: r.report.sharedOn,
      report_not_shared_reason: r.report.notSharedReason,
      due_on: r.dueOn,
      late_reason: r.lateReason,
      recorded_by: r.by,
      recorded_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The child's reviews, newest first, with their chairs' names (none for an imported review). */
export async function reviewsOf(db: Db, childId: number) {
  return db
    .selectFrom('lac_review as r')
    .leftJoin('app_user as u', 'u.id', 'r.chair_user_id')
    .select([
      'r.id',
      'r.period_id',
      'r.held_on',
      'r.participation',
      'r.report_shared_on',
      'r.report_not_shared_reason',
      'r.due_on',
      'r.late_reason',
      'r.minutes_distributed_on',
      'r.import_id',
      'u.display_name as chairName',
    ])
    .where('r.child_id', '=', childId)
    .orderBy('r.held_on', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}

/** One review, locked for the rest of the transaction, or undefined. */
export async function lockReview(trx: Trx, reviewId: number) {
  return trx.selectFrom('lac_review').selectAll().where('id', '=', reviewId).forUpdate().executeTakeFirst()
}

/** One review with the child's name, for its minutes' page. */
export async function reviewNamed(db: Db, reviewId: number) {
  return db
    .selectFrom('lac_review as r')
    .innerJoin('people_person_v as p', 'p.id', 'r.child_id')
    .select([
      'r.id',
      'r.child_id',
      'r.period_id',
      'r.held_on',
      'r.minutes_distributed_on',
      'p.given_name',
      'p.family_name',
    ])
    .where('r.id', '=', reviewId)
    .executeTakeFirst()
}

export async function setMinutesDistributed(
  trx: Trx,
  reviewId: number,
  m: { on: string; by: number },
): Promise<void> {
  await trx
    .updateTable('lac_review')
    .set({ minutes_distributed_on: m.on, minutes_recorded_by: m.by })
    .where('id', '=', reviewId)
    .execute()
}

/** The child a review is about, for the route's permission check. */
export async function reviewChild(db: Db, reviewId: number): Promise<number | null> {
  const row = await db
    .selectFrom('lac_review')
    .select('child_id')
    .where('id', '=', reviewId)
    .executeTakeFirst()
  return row?.child_id ?? null
}

/** The open minutes' tasks of these reviews, by review id. */
export async function minutesTasksOf(db: Db, reviewIds: readonly number[]) {
  if (reviewIds.length === 0) return new Map<number, Date>()
  const rows = await db
    .selectFrom('task')
    .select(['subject_id', 'due_at'])
    .where('subject_type', '=', 'lac_review')
    .where('subject_id', 'in', reviewIds.map(String))
    .where('clock_code', '=', MINUTES_CLOCK)
    .where('stopped_at', 'is', null)
    .orderBy('id')
    .execute()
  return new Map(rows.map((r) => [Number(r.subject_id), r.due_at]))
}

/**
 * Review conferences' SQL: children's open plans with their last review, reviews arranged and not
 * yet held, the review clock's due date, and the plan each child of a review is about. No
 * permission checks here.
 */
import { REVIEW_CLOCKS } from './review-model.js'
import type { Db, Trx } from './store.js'

/** These children's open plans, with the child's name and the date of the plan's last review. */
export async function openPlansOf(db: Db, childIds: readonly number[]) {
  if (childIds.length === 0) return []
  return db
    .selectFrom('cp_plan as cp')
    .innerJoin('people_person_v as p', 'p.id', 'cp.child_id')
    .select((eb) => [
      'cp.id',
      'cp.child_id',
      'cp.start_date',
      'cp.latest_category',
      'cp.version',
      'p.given_name',
      'p.family_name',
      eb
        .selectFrom('cp_plan_review as r')
        .select((r) => r.fn.max('r.held_on').as('held_on'))
        .whereRef('r.cp_plan_id', '=', 'cp.id')
        .as('last_review'),
    ])
    .where('cp.child_id', 'in', childIds)
    .where('cp.end_date', 'is', null)
    .orderBy('p.date_of_birth')
    .orderBy('cp.child_id')
    .execute()
}

/** Review conferences arranged for any of these children, not yet held nor cancelled. */
export async function pendingReviews(db: Db, childIds: readonly number[]) {
  if (childIds.length === 0) return []
  return db
    .selectFrom('conference_child as cc')
    .innerJoin('child_protection_conference as c', 'c.id', 'cc.conference_id')
    .innerJoin('people_person_v as p', 'p.id', 'cc.child_id')
    .select(['c.id', 'c.scheduled_at', 'cc.child_id', 'p.given_name', 'p.family_name'])
    .where('cc.child_id', 'in', childIds)
    .where('c.kind', '=', 'review')
    .where('c.held_at', 'is', null)
    .where('c.cancelled_at', 'is', null)
    .orderBy('c.scheduled_at')
    .orderBy('c.id')
    .orderBy('cc.child_id')
    .execute()
}

/** When each plan's running review clock (first, then every 6 months) falls due. */
export async function reviewDue(db: Db, planIds: readonly number[]) {
  if (planIds.length === 0) return []
  return db
    .selectFrom('task')
    .select(['subject_id', 'clock_code', 'due_at'])
    .where('subject_type', '=', 'cp_plan')
    .where('subject_id', 'in', planIds.map(String))
    .where('clock_code', 'in', [...REVIEW_CLOCKS])
    .where('stopped_at', 'is', null)
    .orderBy('due_at')
    .orderBy('id')
    .execute()
}

/** Locks the plans for the rest of the transaction (in id order, so two reviews never deadlock). */
export async function lockPlans(trx: Trx, planIds: readonly number[]) {
  if (planIds.length === 0) return []
  return trx
    .selectFrom('cp_plan')
    .select(['id', 'child_id', 'end_date', 'version'])
    .where('id', 'in', planIds)
    .orderBy('id')
    .forUpdate()
    .execute()
}

/**
 * The plan each child of a conference is about: the plan it reviewed once held, or else the
 * child's open plan.
 */
export async function plansOfConference(db: Db, conferenceId: number, childIds: readonly number[]) {
  if (childIds.length === 0) return new Map<number, number>()
  const reviewed = await db
    .selectFrom('cp_plan_review as r')
    .innerJoin('cp_plan as cp', 'cp.id', 'r.cp_plan_id')
    .select(['cp.id', 'cp.child_id'])
    .where('r.conference_id', '=', conferenceId)
    .orderBy('cp.id')
    .execute()
  const open = await db
    .selectFrom('cp_plan')
    .select(['id', 'child_id'])
    .where('child_id', 'in', childIds)
    .where('end_date', 'is', null)
    .orderBy('id')
    .execute()
  const byChild = new Map<number, number>()
  for (const p of [...open, ...reviewed]) byChild.set(p.child_id, p.id)
  return byChild
}

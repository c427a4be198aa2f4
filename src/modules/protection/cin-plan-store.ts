/**
 * Child in need plans' SQL: the plan, its outcomes and actions, visits and reviews, and what a
 * plan may start from (the assessment module's `assessment_v`, this module's ended CP plans). No
 * permission checks here; the service decides who may call what.
 */
import { sql } from 'kysely'
import { isUniqueViolation } from '../../platform/db/errors.js'
import {
  CIN_REVIEW_CLOCKS,
  STEP_DOWN_REASON,
  type CinPlanSource,
  type ReviewInput,
} from './cin-plan-model.js'
import type { ActionInput, VisitInput } from './plan-model.js'
import type { Db, Trx } from './store.js'

/**
 * The new plan's id; 'open' when the child is already on an open plan (`cin_plan_one_open`),
 * 'used' when its source has started one (both: another transaction at the same moment).
 */
export async function insertCinPlan(
  trx: Trx,
  p: { childId: number; source: CinPlanSource; startDate: string; frequency: string; by: number; at: Date },
): Promise<number | 'open' | 'used'> {
  try {
    const { id } = await trx
      .insertInto('cin_plan')
      .values({
        child_id: p.childId,
        referral_id: p.source.referralId,
        assessment_id: p.source.kind === 'assessment' ? p.source.id : null,
        cp_plan_id: p.source.kind === 'cp_plan' ? p.source.id : null,
        start_date: p.startDate,
        visit_frequency: p.frequency,
        started_by: p.by,
        recorded_at: p.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  } catch (err) {
    if (isUniqueViolation(err, 'cin_plan_one_open')) return 'open'
    if (
      isUniqueViolation(err, 'cin_plan_one_per_assessment') ||
      isUniqueViolation(err, 'cin_plan_one_per_cp_plan')
    )
      return 'used'
    throw err
  }
}

/** The child's open CIN plan, locked for the rest of the transaction, or undefined. */
export async function lockOpenCinPlanOf(trx: Trx, childId: number) {
  return trx
    .selectFrom('cin_plan')
    .select('id')
    .where('child_id', '=', childId)
    .where('end_date', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

/**
 * What a CIN plan for the child may start from, not yet used by one: assessments authorised with
 * the outcome "CIN plan" (`assessment_v`), and CP plans ended because the child is no longer at
 * continuing risk. Oldest first.
 */
export async function cinPlanSources(db: Db, childId: number): Promise<CinPlanSource[]> {
  const [assessments, cpPlans] = await Promise.all([
    db
      .selectFrom('assessment_v as a')
      .select(['a.assessment_id as id', 'a.referral_id', 'a.authorised_date as from'])
      .where('a.child_id', '=', childId)
      .where('a.status', '=', 'authorised')
      .where('a.outcome', '=', 'cin_plan')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('cin_plan as c').select('c.id').whereRef('c.assessment_id', '=', 'a.assessment_id'),
          ),
        ),
      )
      .orderBy('a.authorised_date')
      .orderBy('a.assessment_id')
      .execute(),
    db
      .selectFrom('cp_plan as p')
      .select(['p.id', 'p.referral_id', 'p.end_date as from'])
      .where('p.child_id', '=', childId)
      .where('p.end_reason', '=', STEP_DOWN_REASON)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('cin_plan as c').select('c.id').whereRef('c.cp_plan_id', '=', 'p.id'))),
      )
      .orderBy('p.end_date')
      .orderBy('p.id')
      .execute(),
  ])
  return [
    ...assessments.flatMap((a) =>
      a.from === null
        ? []
        : [{ kind: 'assessment' as const, id: a.id, referralId: a.referral_id, from: a.from }],
    ),
    ...cpPlans.flatMap((p) =>
      p.from === null
        ? []
        : [{ kind: 'cp_plan' as const, id: p.id, referralId: p.referral_id, from: p.from }],
    ),
  ]
}

/** The child a plan is about, for the route's permission check. */
export async function cinPlanChild(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('cin_plan').select('child_id').where('id', '=', id).executeTakeFirst()
  return row?.child_id ?? null
}

/** The plan and child an action belongs to. */
export async function actionCinPlan(db: Db, actionId: number) {
  return db
    .selectFrom('cin_plan_action as a')
    .innerJoin('cin_plan_outcome as o', 'o.id', 'a.cin_plan_outcome_id')
    .innerJoin('cin_plan as p', 'p.id', 'o.cin_plan_id')
    .select(['p.id as planId', 'p.child_id as childId'])
    .where('a.id', '=', actionId)
    .executeTakeFirst()
}

export async function loadCinPlan(db: Db, id: number) {
  return db
    .selectFrom('cin_plan as cp')
    .innerJoin('people_person_v as p', 'p.id', 'cp.child_id')
    .leftJoin('app_user as e', 'e.id', 'cp.ended_by')
    .leftJoin('app_user as ep', 'ep.id', 'cp.end_proposed_by')
    .selectAll('cp')
    .select([
      'p.given_name',
      'p.family_name',
      'e.display_name as endedByName',
      'ep.display_name as endProposedByName',
    ])
    .where('cp.id', '=', id)
    .executeTakeFirst()
}

/** The plan locked for the rest of the transaction: one change to it at a time. */
export async function lockCinPlan(trx: Trx, id: number) {
  return trx.selectFrom('cin_plan').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function bumpCinVersion(trx: Trx, id: number): Promise<void> {
  await trx
    .updateTable('cin_plan')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}

/** The child's CIN plans for the record page, newest first, with an open plan's next review. */
export async function cinPlansOnRecord(db: Db, childId: number) {
  return db
    .selectFrom('cin_plan as cp')
    .select([
      'cp.id',
      'cp.start_date',
      'cp.end_date',
      'cp.end_reason',
      (eb) =>
        eb
          .selectFrom('task as k')
          .select((k) => k.fn.min('k.due_at').as('due'))
          .where('k.subject_type', '=', 'cin_plan')
          .where(sql<boolean>`k.subject_id = cp.id::text`)
          .where('k.clock_code', 'in', [...CIN_REVIEW_CLOCKS])
          .where('k.stopped_at', 'is', null)
          .where('cp.end_date', 'is', null)
          .as('review_due_at'),
    ])
    .where('cp.child_id', '=', childId)
    .orderBy('cp.start_date', 'desc')
    .orderBy('cp.id', 'desc')
    .execute()
}

/** The worker's proposed end, waiting for a manager's authorisation; null clears it. */
export async function setCinEndProposal(
  trx: Trx,
  planId: number,
  e: { endDate: string; reason: string; by: number; at: Date } | null,
): Promise<void> {
  await trx
    .updateTable('cin_plan')
    .set({
      end_proposed_on: e?.endDate ?? null,
      end_proposed_reason: e?.reason ?? null,
      end_proposed_by: e?.by ?? null,
      end_proposed_at: e?.at ?? null,
    })
    .where('id', '=', planId)
    .execute()
}

export async function endCinPlan(
  trx: Trx,
  planId: number,
  e: { endDate: string; reason: string; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('cin_plan')
    .set({ end_date: e.endDate, end_reason: e.reason, ended_by: e.by, ended_at: e.at })
    .where('id', '=', planId)
    .execute()
}

export async function cinOutcomesOf(db: Db, planId: number) {
  return db
    .selectFrom('cin_plan_outcome')
    .select(['id', 'outcome'])
    .where('cin_plan_id', '=', planId)
    .orderBy('id')
    .execute()
}

const actionsOfPlan = (db: Db, planId: number) =>
  db
    .selectFrom('cin_plan_action as a')
    .innerJoin('cin_plan_outcome as o', 'o.id', 'a.cin_plan_outcome_id')
    .selectAll('a')
    .where('o.cin_plan_id', '=', planId)

export async function cinActionsOf(db: Db, planId: number) {
  return actionsOfPlan(db, planId).orderBy('a.id').execute()
}

/** An action of this plan, or undefined. */
export async function cinActionOnPlan(db: Db, planId: number, actionId: number) {
  return actionsOfPlan(db, planId).where('a.id', '=', actionId).executeTakeFirst()
}

/** The plan's actions still only planned (closed when the plan ends). */
export async function openCinActionIds(trx: Trx, planId: number): Promise<number[]> {
  const rows = await actionsOfPlan(trx, planId).where('a.status', '=', 'planned').orderBy('a.id').execute()
  return rows.map((r) => r.id)
}

export async function insertCinAction(
  trx: Trx,
  planId: number,
  input: ActionInput,
  by: number,
  at: Date,
): Promise<{ outcomeId: number; actionId: number }> {
  const outcomeId =
    'outcomeId' in input.outcome
      ? input.outcome.outcomeId
      : (
          await trx
            .insertInto('cin_plan_outcome')
            .values({
              cin_plan_id: planId,
              outcome: input.outcome.newOutcome,
              recorded_by: by,
              recorded_at: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
  const { id } = await trx
    .insertInto('cin_plan_action')
    .values({
      cin_plan_outcome_id: outcomeId,
      action: input.action,
      owner_kind: input.ownerKind,
      owner_name: input.ownerName,
      due_on: input.dueOn,
      recorded_by: by,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { outcomeId, actionId: id }
}

export async function setCinActionStatus(
  trx: Trx,
  actionId: number,
  s: { deliveredOn: string | null; reason: string | null; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('cin_plan_action')
    .set({
      status: s.deliveredOn !== null ? 'delivered' : 'not_delivered',
      delivered_on: s.deliveredOn,
      not_delivered_reason: s.reason,
      status_by: s.by,
      status_at: s.at,
    })
    .where('id', '=', actionId)
    .execute()
}

export async function insertCinVisit(trx: Trx, planId: number, input: VisitInput, by: number, at: Date) {
  const { id } = await trx
    .insertInto('cin_visit')
    .values({
      cin_plan_id: planId,
      visited_at: input.visitedAt,
      who_present: input.whoPresent,
      child_seen: input.seen,
      seen_alone: input.seenAlone,
      announced: input.announced,
      recorded_by: by,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function cinVisitsOf(db: Db, planId: number) {
  return db
    .selectFrom('cin_visit')
    .selectAll()
    .where('cin_plan_id', '=', planId)
    .orderBy('visited_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export async function insertCinReview(trx: Trx, planId: number, input: ReviewInput, by: number, at: Date) {
  const { id } = await trx
    .insertInto('cin_plan_review')
    .values({
      cin_plan_id: planId,
      held_on: input.heldOn,
      summary: input.summary,
      recorded_by: by,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function cinReviewsOf(db: Db, planId: number) {
  return db
    .selectFrom('cin_plan_review')
    .selectAll()
    .where('cin_plan_id', '=', planId)
    .orderBy('held_on')
    .orderBy('id')
    .execute()
}

/** The child's name, for the start form (people's `people_person_v`). */
export async function childNamed(db: Db, childId: number) {
  return db
    .selectFrom('people_person_v')
    .select(['id', 'given_name', 'family_name'])
    .where('id', '=', childId)
    .executeTakeFirst()
}

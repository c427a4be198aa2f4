/**
 * Child protection plans' SQL: the plan, its reviews, outcomes and actions, core groups and
 * visits. No permission checks here; the service decides who may call what. Names come from the
 * people module's published view `people_person_v`.
 */
import { sql } from 'kysely'
import { isUniqueViolation } from '../../platform/db/errors.js'
import type { CpCategory } from '../../platform/db/schema.js'
import type { ActionInput, CoreGroupInput, VisitInput } from './plan-model.js'
import { REVIEW_CLOCKS } from './review-model.js'
import type { Db, Trx } from './store.js'

/**
 * The new plan's id, or null when the child is already on an open plan: one started by another
 * transaction at the same moment, which the check before the insert could not see (the unique
 * index `cp_plan_one_open` refuses the second).
 */
export async function insertPlan(
  trx: Trx,
  p: {
    childId: number
    conferenceId: number | null
    referralId: number | null
    startDate: string
    category: CpCategory
    by: number
    at: Date
  },
): Promise<number | null> {
  const inserted = trx
    .insertInto('cp_plan')
    .values({
      child_id: p.childId,
      conference_id: p.conferenceId,
      referral_id: p.referralId,
      start_date: p.startDate,
      initial_category: p.category,
      latest_category: p.category,
      started_by: p.by,
      recorded_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  try {
    return (await inserted).id
  } catch (err) {
    if (isUniqueViolation(err, 'cp_plan_one_open')) return null
    throw err
  }
}

/** The children among these already on an open plan, each locked for the rest of the transaction. */
export async function openPlanChildren(trx: Trx, childIds: readonly number[]): Promise<Set<number>> {
  if (childIds.length === 0) return new Set()
  const rows = await trx
    .selectFrom('cp_plan')
    .select('child_id')
    .where('child_id', 'in', childIds)
    .where('end_date', 'is', null)
    .forUpdate()
    .execute()
  return new Set(rows.map((r) => r.child_id))
}

/** The child a plan is about, for the route's permission check. */
export async function planChild(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('cp_plan').select('child_id').where('id', '=', id).executeTakeFirst()
  return row?.child_id ?? null
}

/** The plan and child an action belongs to. */
export async function actionPlan(db: Db, actionId: number) {
  return db
    .selectFrom('cp_plan_action as a')
    .innerJoin('cp_plan_outcome as o', 'o.id', 'a.cp_plan_outcome_id')
    .innerJoin('cp_plan as p', 'p.id', 'o.cp_plan_id')
    .select(['p.id as planId', 'p.child_id as childId'])
    .where('a.id', '=', actionId)
    .executeTakeFirst()
}

export async function loadPlan(db: Db, id: number) {
  return db
    .selectFrom('cp_plan as cp')
    .innerJoin('people_person_v as p', 'p.id', 'cp.child_id')
    .leftJoin('app_user as e', 'e.id', 'cp.ended_by')
    .leftJoin('app_user as ep', 'ep.id', 'cp.end_proposed_by')
    .selectAll('cp')
    .select([
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.kind',
      'e.display_name as endedByName',
      'ep.display_name as endProposedByName',
    ])
    .where('cp.id', '=', id)
    .executeTakeFirst()
}

/** The plan locked for the rest of the transaction: one change to it at a time. */
export async function lockPlan(trx: Trx, id: number) {
  return trx.selectFrom('cp_plan').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** Adds one to the plan's version: the change every later form is checked against. */
export async function bumpVersion(trx: Trx, id: number): Promise<void> {
  await trx
    .updateTable('cp_plan')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}

export async function plansOf(db: Db, childId: number) {
  return db
    .selectFrom('cp_plan')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/**
 * The child's plans for the record page, newest first, with the day the conference that started
 * each was held and the child's kind and date of birth (people's `people_person_v`).
 */
export async function plansOnRecord(db: Db, childId: number) {
  return db
    .selectFrom('cp_plan as cp')
    .innerJoin('people_person_v as p', 'p.id', 'cp.child_id')
    .leftJoin('child_protection_conference as c', 'c.id', 'cp.conference_id')
    .select([
      'cp.id',
      'cp.start_date',
      'cp.end_date',
      'cp.end_reason',
      'p.kind',
      'p.date_of_birth',
      sql<string | null>`(c.held_at at time zone 'Europe/London')::date`.as('conference_held_on'),
      // An open plan's next review: the earliest open task of the review clocks.
      (eb) =>
        eb
          .selectFrom('task as k')
          .select((k) => k.fn.min('k.due_at').as('due'))
          .where('k.subject_type', '=', 'cp_plan')
          .where(sql<boolean>`k.subject_id = cp.id::text`)
          .where('k.clock_code', 'in', [...REVIEW_CLOCKS])
          .where('k.stopped_at', 'is', null)
          .where('cp.end_date', 'is', null)
          .as('review_due_at'),
    ])
    .where('cp.child_id', '=', childId)
    .orderBy('cp.start_date', 'desc')
    .orderBy('cp.id', 'desc')
    .execute()
}

export async function reviewsOf(db: Db, planId: number) {
  return db
    .selectFrom('cp_plan_review')
    .selectAll()
    .where('cp_plan_id', '=', planId)
    .orderBy('held_on')
    .orderBy('id')
    .execute()
}

export async function insertReview(
  trx: Trx,
  r: {
    planId: number
    conferenceId: number | null
    heldOn: string
    latestCategory: CpCategory | null
    by: number
    at: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('cp_plan_review')
    .values({
      cp_plan_id: r.planId,
      conference_id: r.conferenceId,
      held_on: r.heldOn,
      continues: r.latestCategory !== null,
      latest_category: r.latestCategory,
      recorded_by: r.by,
      recorded_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function setLatestCategory(trx: Trx, planId: number, category: CpCategory): Promise<void> {
  await trx.updateTable('cp_plan').set({ latest_category: category }).where('id', '=', planId).execute()
}

export async function endPlan(
  trx: Trx,
  planId: number,
  e: { endDate: string; reason: string; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('cp_plan')
    .set({ end_date: e.endDate, end_reason: e.reason, ended_by: e.by, ended_at: e.at })
    .where('id', '=', planId)
    .execute()
}

/** The worker's proposed end, waiting for a manager's authorisation (migration 0038). */
export async function proposeEnd(
  trx: Trx,
  planId: number,
  e: { endDate: string; reason: string; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('cp_plan')
    .set({
      end_proposed_on: e.endDate,
      end_proposed_reason: e.reason,
      end_proposed_by: e.by,
      end_proposed_at: e.at,
    })
    .where('id', '=', planId)
    .execute()
}

/** The proposed end is decided (or the plan ended otherwise): nothing waits any more. */
export async function clearEndProposal(trx: Trx, planId: number): Promise<void> {
  await trx
    .updateTable('cp_plan')
    .set({ end_proposed_on: null, end_proposed_reason: null, end_proposed_by: null, end_proposed_at: null })
    .where('id', '=', planId)
    .execute()
}

export async function outcomesOf(db: Db, planId: number) {
  return db
    .selectFrom('cp_plan_outcome')
    .select(['id', 'outcome'])
    .where('cp_plan_id', '=', planId)
    .orderBy('id')
    .execute()
}

export async function actionsOf(db: Db, planId: number) {
  return db
    .selectFrom('cp_plan_action as a')
    .innerJoin('cp_plan_outcome as o', 'o.id', 'a.cp_plan_outcome_id')
    .selectAll('a')
    .where('o.cp_plan_id', '=', planId)
    .orderBy('a.id')
    .execute()
}

export async function insertAction(
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
            .insertInto('cp_plan_outcome')
            .values({
              cp_plan_id: planId,
              outcome: input.outcome.newOutcome,
              recorded_by: by,
              recorded_at: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
  const { id } = await trx
    .insertInto('cp_plan_action')
    .values({
      cp_plan_outcome_id: outcomeId,
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

/** An action of this plan, or undefined. */
export async function actionOnPlan(db: Db, planId: number, actionId: number) {
  return db
    .selectFrom('cp_plan_action as a')
    .innerJoin('cp_plan_outcome as o', 'o.id', 'a.cp_plan_outcome_id')
    .selectAll('a')
    .select('o.outcome')
    .where('o.cp_plan_id', '=', planId)
    .where('a.id', '=', actionId)
    .executeTakeFirst()
}

export async function setActionStatus(
  trx: Trx,
  actionId: number,
  s: { deliveredOn: string | null; reason: string | null; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('cp_plan_action')
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

export async function insertCoreGroup(
  trx: Trx,
  planId: number,
  input: CoreGroupInput,
  agencies: readonly string[],
  by: number,
  at: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('cp_core_group')
    .values({
      cp_plan_id: planId,
      held_on: input.heldOn,
      notes: input.notes,
      recorded_by: by,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('cp_core_group_attendance')
    .values(
      agencies.map((a) => ({ cp_core_group_id: id, agency_kind: a, attended: input.attended.includes(a) })),
    )
    .execute()
  if (input.progress.length > 0)
    await trx
      .insertInto('cp_core_group_action_review')
      .values(
        input.progress.map((p) => ({
          cp_core_group_id: id,
          cp_plan_action_id: p.actionId,
          progress: p.progress,
        })),
      )
      .execute()
  return id
}

export async function coreGroupsOf(db: Db, planId: number) {
  const groups = await db
    .selectFrom('cp_core_group')
    .selectAll()
    .where('cp_plan_id', '=', planId)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
  if (groups.length === 0) return []
  const ids = groups.map((g) => g.id)
  const [attendance, reviews] = await Promise.all([
    db
      .selectFrom('cp_core_group_attendance')
      .selectAll()
      .where('cp_core_group_id', 'in', ids)
      .orderBy('cp_core_group_id')
      .orderBy('agency_kind')
      .execute(),
    db
      .selectFrom('cp_core_group_action_review as r')
      .innerJoin('cp_plan_action as a', 'a.id', 'r.cp_plan_action_id')
      .select(['r.cp_core_group_id', 'r.cp_plan_action_id', 'r.progress', 'a.action'])
      .where('r.cp_core_group_id', 'in', ids)
      .orderBy('r.cp_core_group_id')
      .orderBy('r.cp_plan_action_id')
      .execute(),
  ])
  return groups.map((g) => ({
    ...g,
    attendance: attendance.filter((a) => a.cp_core_group_id === g.id),
    reviews: reviews.filter((r) => r.cp_core_group_id === g.id),
  }))
}

export async function insertVisit(trx: Trx, planId: number, input: VisitInput, by: number, at: Date) {
  const { id } = await trx
    .insertInto('cp_visit')
    .values({
      cp_plan_id: planId,
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

export async function visitsOf(db: Db, planId: number) {
  return db
    .selectFrom('cp_visit')
    .selectAll()
    .where('cp_plan_id', '=', planId)
    .orderBy('visited_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/**
 * The plan's open clock tasks (reviews, core groups, visits) and its actions' ones; a CIN plan's
 * with its own subjects.
 */
export async function openTasksOf(
  db: Db,
  planId: number,
  actionIds: readonly number[],
  subjects: { plan: string; action: string } = { plan: 'cp_plan', action: 'cp_plan_action' },
) {
  return db
    .selectFrom('task')
    .select(['clock_code', 'title', 'due_at', 'subject_type', 'subject_id'])
    .where('stopped_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_type', '=', subjects.plan), eb('subject_id', '=', String(planId))]),
        ...(actionIds.length
          ? [
              eb.and([
                eb('subject_type', '=', subjects.action),
                eb('subject_id', 'in', actionIds.map(String)),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('due_at')
    .orderBy('id')
    .execute()
}

/** The child's open actions whose open task is to stay on the list (for closing them when the plan ends). */
export async function openActionIds(trx: Trx, planId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('cp_plan_action as a')
    .innerJoin('cp_plan_outcome as o', 'o.id', 'a.cp_plan_outcome_id')
    .select('a.id')
    .where('o.cp_plan_id', '=', planId)
    .where('a.status', '=', 'planned')
    .orderBy('a.id')
    .execute()
  return rows.map((r) => r.id)
}

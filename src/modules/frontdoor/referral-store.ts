/**
 * The front door's SQL for referrals: opening one, the re-referral check's history, allocation to
 * a worker (with caseloads), and closure with no further action. People's data comes from the
 * people module's published views.
 */
import { sql } from 'kysely'
import type { SwReason } from '../../platform/db/schema.js'
import type { Trx } from './store.js'

export async function earlierReferrals(trx: Trx, childId: number) {
  return trx
    .selectFrom('referral')
    .select(['id', 'referral_date as referralDate'])
    .where('child_id', '=', childId)
    .orderBy('referral_date')
    .orderBy('id')
    .execute()
}

export async function insertReferral(
  trx: Trx,
  r: {
    childId: number
    contactChildId: number
    referralDate: string
    source: string
    previousReferralId: number | null
    strategyDiscussion: boolean
    teamId: number
    createdBy: number
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('referral')
    .values({
      child_id: r.childId,
      contact_child_id: r.contactChildId,
      referral_date: r.referralDate,
      referral_source: r.source as never,
      re_referral: r.previousReferralId !== null,
      previous_referral_id: r.previousReferralId,
      strategy_discussion: r.strategyDiscussion,
      status: 'awaiting_allocation',
      team_id: r.teamId,
      created_by: r.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function loadReferral(trx: Trx, referralId: number) {
  return trx
    .selectFrom('referral as r')
    .innerJoin('people_person_v as p', 'p.id', 'r.child_id')
    .leftJoin('app_user as w', 'w.id', 'r.worker_id')
    .leftJoin('team as t', 't.id', 'r.team_id')
    .leftJoin('contact_child as cc', 'cc.id', 'r.contact_child_id')
    .leftJoin('contact as c', 'c.id', 'cc.contact_id')
    .selectAll('r')
    .select([
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'w.display_name as workerName',
      't.name as teamName',
      'cc.contact_id',
      'c.reason as concern',
      'cc.threshold_level',
      'cc.rag',
      'cc.decision',
      'cc.decision_reason',
      'cc.oversight_note',
      // The analysis of the social worker whose recommendation the manager authorised.
      (eb) =>
        eb
          .selectFrom('contact_recommendation as cr')
          .select('cr.rationale')
          .whereRef('cr.contact_child_id', '=', 'cc.id')
          .where('cr.outcome', '=', 'authorised')
          .orderBy('cr.id', 'desc')
          .limit(1)
          .as('analysis'),
    ])
    .where('r.id', '=', referralId)
    .executeTakeFirst()
}

/** The referral row itself, inside the transaction that changes it. */
export async function referralRow(trx: Trx, referralId: number) {
  return trx.selectFrom('referral').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow()
}

/** The child's name as the confirmation after allocation gives it. */
export async function childName(trx: Trx, childId: number): Promise<string> {
  const p = await trx
    .selectFrom('people_person_v')
    .select(['given_name', 'family_name'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  return [p.given_name, p.family_name].filter(Boolean).join(' ')
}

/** The child a referral is about; null when there is no such referral. */
export async function referralChild(trx: Trx, referralId: number): Promise<number | null> {
  const row = await trx
    .selectFrom('referral')
    .select('child_id')
    .where('id', '=', referralId)
    .executeTakeFirst()
  return row?.child_id ?? null
}

/**
 * The roles a referral may be allocated to: those who hold cases. A team manager allocates and
 * oversees; offering her her own name (as the list once did) is not what a MASH expects.
 */
export const ALLOCATABLE_ROLES = ['social_worker', 'mash_social_worker'] as const

/** Social workers who can take a referral in the teams, with their practice level and caseloads. */
export async function workersWithCaseloads(trx: Trx, teamIds: readonly number[]) {
  if (teamIds.length === 0) return []
  return trx
    .selectFrom('app_user as u')
    .innerJoin('team as t', 't.id', 'u.team_id')
    .select([
      'u.id',
      'u.display_name',
      'u.role',
      'u.practice_level',
      'u.job_title',
      't.id as team_id',
      't.name as team',
      (eb) =>
        eb
          .selectFrom('child_access as a')
          .select(sql<number>`count(distinct a.child_id)`.as('n'))
          .whereRef('a.user_id', '=', 'u.id')
          .where('a.basis', '=', 'allocated_worker')
          .where('a.revoked_at', 'is', null)
          .as('caseload'),
    ])
    .where('u.team_id', 'in', teamIds)
    .where('u.role', 'in', ALLOCATABLE_ROLES)
    .where('u.disabled_at', 'is', null)
    .orderBy('t.name')
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute()
}

/**
 * The child's brothers and sisters (through the people module's published relationships, either
 * direction, current and not deleted) and the worker each is allocated to now.
 */
export async function siblingHolders(trx: Trx, childId: number) {
  const siblingTypes = ['sibling', 'half_sibling', 'step_sibling']
  return trx
    .selectFrom('people_relationship_v as r')
    .innerJoin('people_person_v as p', (join) =>
      join.on(
        sql<boolean>`p.id = case when r.person_id = ${childId} then r.related_person_id else r.person_id end`,
      ),
    )
    .innerJoin('child_access as a', 'a.child_id', 'p.id')
    .select(['a.user_id as workerId', 'p.id as siblingId', 'p.given_name as siblingName'])
    .where((eb) => eb.or([eb('r.person_id', '=', childId), eb('r.related_person_id', '=', childId)]))
    .where('r.relationship_type', 'in', siblingTypes)
    .where('r.deleted_at', 'is', null)
    .where('r.to_date', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('a.basis', '=', 'allocated_worker')
    .where('a.revoked_at', 'is', null)
    .where('a.user_id', 'is not', null)
    .orderBy('p.given_name')
    .orderBy('p.id')
    .orderBy('a.id')
    .execute()
}

/** Referrals waiting for a worker, in the given teams (all teams when null). */
export async function referralsAwaitingAllocation(trx: Trx, teamIds: readonly number[] | null, limit = 200) {
  let query = trx
    .selectFrom('referral as r')
    .innerJoin('people_person_v as p', 'p.id', 'r.child_id')
    .leftJoin('team as t', 't.id', 'r.team_id')
    .select([
      'r.id',
      'r.child_id',
      'r.referral_date',
      'r.referral_source',
      'r.re_referral',
      'r.strategy_discussion',
      'r.created_at',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'p.restricted',
      't.name as team',
    ])
    .where('r.status', '=', 'awaiting_allocation')
  if (teamIds !== null) {
    if (teamIds.length === 0) return []
    query = query.where('r.team_id', 'in', teamIds)
  }
  return query.orderBy('r.created_at').orderBy('r.id').limit(limit).execute()
}

export async function teamsTakingReferrals(trx: Trx) {
  return trx
    .selectFrom('team')
    .select(['id', 'name', 'kind'])
    .where('kind', 'in', ['assessment', 'safeguarding', 'children_in_care', 'early_help', 'front_door'])
    .orderBy('name')
    .orderBy('id')
    .execute()
}

/** A team by id (the team a decision sends a referral to), if there is one. */
export async function findTeam(trx: Trx, teamId: number) {
  return trx.selectFrom('team').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst()
}

/** A staff member a manager names for a referral, with what decides whether they may take it. */
export async function findWorker(trx: Trx, workerId: number) {
  return trx
    .selectFrom('app_user')
    .select(['id', 'display_name', 'team_id', 'role', 'disabled_at'])
    .where('id', '=', workerId)
    .executeTakeFirst()
}

/** The workers the child is allocated to now (live `allocated_worker` grants). */
export async function currentWorkers(trx: Trx, childId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('child_access')
    .select('user_id')
    .where('child_id', '=', childId)
    .where('basis', '=', 'allocated_worker')
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute()
  return rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id]))
}

/** Why the child was given the worker of this grant, when they had another (SW_REASON). */
export async function saveAllocationReason(
  trx: Trx,
  r: { grantId: number; swReason: SwReason; by: number; at: Date },
): Promise<void> {
  await trx
    .insertInto('frontdoor_allocation_reason')
    .values({ grant_id: r.grantId, sw_reason: r.swReason, recorded_by: r.by, recorded_at: r.at })
    .execute()
}

/** The child's live allocation grants (to a worker and to a team). */
export async function liveAllocationGrants(trx: Trx, childId: number) {
  return trx
    .selectFrom('child_access')
    .select(['id', 'basis', 'user_id', 'team_id'])
    .where('child_id', '=', childId)
    .where('basis', 'in', ['allocated_worker', 'allocated_team'])
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute()
}

export async function saveAllocation(
  trx: Trx,
  referralId: number,
  a: { workerId: number; teamId: number; by: number; at: Date },
) {
  await trx
    .updateTable('referral')
    .set({
      status: 'allocated',
      worker_id: a.workerId,
      team_id: a.teamId,
      allocated_by: a.by,
      allocated_at: a.at,
    })
    .where('id', '=', referralId)
    .execute()
}

export async function saveClosedNoFurtherAction(trx: Trx, referralId: number, reason: string, at: Date) {
  await trx
    .updateTable('referral')
    .set({ status: 'closed', nfa: true, closed_at: at, closure_reason: reason, closure_code: 'RC7' })
    .where('id', '=', referralId)
    .execute()
}

/**
 * Closes an open referral with the census's reason for closure (a case closed with the closure
 * checklist). False when it was no longer open: nothing is changed.
 */
export async function saveClosedWithCode(
  trx: Trx,
  referralId: number,
  c: { code: string; reason: string; at: Date },
): Promise<boolean> {
  const row = await trx
    .updateTable('referral')
    .set({ status: 'closed', closed_at: c.at, closure_reason: c.reason, closure_code: c.code })
    .where('id', '=', referralId)
    .where('status', '<>', 'closed')
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/**
 * The referral's open statutory tasks (the allocated worker's next step and its clock), soonest
 * first, with who holds them.
 */
export async function openReferralTasks(trx: Trx, referralId: number) {
  return trx
    .selectFrom('task')
    .leftJoin('app_user as u', 'u.id', 'task.assigned_user_id')
    .select([
      'task.id',
      'task.instance_key',
      'task.clock_code',
      'task.title',
      'task.started_at',
      'task.due_at',
      'task.assigned_user_id',
      'task.assigned_team_id',
      'u.display_name as assignedTo',
    ])
    .where('task.subject_type', '=', 'referral')
    .where('task.subject_id', '=', String(referralId))
    .where('task.stopped_at', 'is', null)
    .orderBy('task.due_at')
    .orderBy('task.id')
    .execute()
}

/** Whether a referral's strategy discussion has been held, through protection's published view. */
export async function strategyDiscussionHeld(trx: Trx, referralId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('protection_strategy_discussion_v')
    .select('id')
    .where('referral_id', '=', referralId)
    .where('held_at', 'is not', null)
    .executeTakeFirst()
  return row !== undefined
}

/** A referral's strategy discussion (the latest), through protection's published view. */
export async function strategyDiscussionOf(trx: Trx, referralId: number) {
  return trx
    .selectFrom('protection_strategy_discussion_v')
    .select(['id', 'requested_at', 'held_at', 'outcome', 'cancelled_at'])
    .where('referral_id', '=', referralId)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

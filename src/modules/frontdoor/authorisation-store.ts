/**
 * Recommendations and their authorisation (migration 0018): each recommendation on a child's
 * contact, the one awaiting a manager, and the managers' queue with both clocks.
 */
import { sql } from 'kysely'
import type { ContactDecision } from '../../platform/db/schema.js'
import type { Db, Trx } from './store.js'
import { openDecisionClock } from './triage-store.js'

export interface NewRecommendation {
  contactChildId: number
  decision: ContactDecision
  decisionReason: string | null
  transferAuthority: string | null
  teamId: number | null
  consentOverrideReason: string | null
  rationale: string
  recommendedBy: number
  at: Date
}

export async function insertRecommendation(trx: Trx, r: NewRecommendation): Promise<number> {
  const { id } = await trx
    .insertInto('contact_recommendation')
    .values({
      contact_child_id: r.contactChildId,
      decision: r.decision,
      decision_reason: r.decisionReason,
      transfer_authority: r.transferAuthority,
      team_id: r.teamId,
      consent_override_reason: r.consentOverrideReason,
      rationale: r.rationale,
      recommended_by: r.recommendedBy,
      recommended_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function setContactChildStatus(
  trx: Trx,
  contactChildId: number,
  status: 'in_triage' | 'awaiting_authorisation',
) {
  await trx.updateTable('contact_child').set({ status }).where('id', '=', contactChildId).execute()
}

/** The recommendation waiting for a manager, locked until the transaction ends (two managers at once). */
export async function awaitingRecommendation(trx: Trx, contactChildId: number) {
  return trx
    .selectFrom('contact_recommendation')
    .selectAll()
    .where('contact_child_id', '=', contactChildId)
    .where('outcome', '=', 'awaiting')
    .forUpdate()
    .executeTakeFirst()
}

export async function markAuthorised(
  trx: Trx,
  id: number,
  a: { by: number; at: Date; oversightNote: string; noStrategyReason: string | null; alone: boolean },
) {
  await trx
    .updateTable('contact_recommendation')
    .set({
      outcome: 'authorised',
      reviewed_by: a.by,
      reviewed_at: a.at,
      oversight_note: a.oversightNote,
      no_strategy_reason: a.noStrategyReason,
      decided_alone: a.alone,
    })
    .where('id', '=', id)
    .execute()
}

export async function markReturned(trx: Trx, id: number, r: { by: number; at: Date; reason: string }) {
  await trx
    .updateTable('contact_recommendation')
    .set({ outcome: 'returned', reviewed_by: r.by, reviewed_at: r.at, return_reason: r.reason })
    .where('id', '=', id)
    .execute()
}

/** Who made the recommendation waiting on a child, if one is waiting (unlocked: for checks before the work). */
export async function recommenderOf(db: Db, contactChildId: number): Promise<number | null> {
  const row = await db
    .selectFrom('contact_recommendation')
    .select('recommended_by')
    .where('contact_child_id', '=', contactChildId)
    .where('outcome', '=', 'awaiting')
    .executeTakeFirst()
  return row?.recommended_by ?? null
}

/** Every recommendation on a child's contact, oldest first, with who made and reviewed it. */
export async function recommendationsOf(db: Db, contactChildId: number) {
  return db
    .selectFrom('contact_recommendation as r')
    .innerJoin('app_user as by', 'by.id', 'r.recommended_by')
    .leftJoin('app_user as rv', 'rv.id', 'r.reviewed_by')
    .leftJoin('team as t', 't.id', 'r.team_id')
    .selectAll('r')
    .select([
      'by.display_name as recommendedByName',
      'rv.display_name as reviewedByName',
      't.name as teamName',
    ])
    .where('r.contact_child_id', '=', contactChildId)
    .orderBy('r.recommended_at')
    .orderBy('r.id')
    .execute()
}

export interface AuthorisationQueuePage {
  offset: number
  limit: number
}

/** Recommendations awaiting a manager, soonest due first, with the decision and authorisation clocks. */
export async function authorisationQueue(db: Db, page: AuthorisationQueuePage) {
  const rows = await db
    .selectFrom('contact_recommendation as r')
    .innerJoin('contact_child as cc', 'cc.id', 'r.contact_child_id')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .innerJoin('app_user as by', 'by.id', 'r.recommended_by')
    .leftJoin('people_person_v as p', 'p.id', 'cc.child_id')
    .leftJoin('task as s', (join) => join.on(openDecisionClock('s', 'mash-decision')))
    .leftJoin('task as a', (join) => join.on(openDecisionClock('a', 'mash-authorisation')))
    .select([
      'r.id',
      'r.contact_child_id',
      'r.decision',
      'r.recommended_by',
      'r.recommended_at',
      'r.rationale',
      'by.display_name as recommendedByName',
      'cc.contact_id',
      'cc.child_id',
      'cc.threshold_level',
      'cc.rag',
      'c.received_at',
      'p.given_name',
      'p.family_name',
      'p.restricted',
      's.due_at as decision_due_at',
      'a.due_at as authorisation_due_at',
    ])
    .where('r.outcome', '=', 'awaiting')
    .where('c.deleted_at', 'is', null)
    .orderBy(sql`least(coalesce(s.due_at, a.due_at), coalesce(a.due_at, s.due_at))`, (ob) =>
      ob.asc().nullsLast(),
    )
    .orderBy('r.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute()
  return rows
}

/** How many recommendations await a manager (for the home page and the queue's heading). */
export async function awaitingAuthorisationCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('contact_recommendation as r')
    .innerJoin('contact_child as cc', 'cc.id', 'r.contact_child_id')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .select(sql<string>`count(*)`.as('n'))
    .where('r.outcome', '=', 'awaiting')
    .where('c.deleted_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function saveTransferAcceptance(
  trx: Trx,
  contactChildId: number,
  a: { acceptedBy: string; acceptedAt: Date; recordedBy: number },
) {
  await trx
    .updateTable('contact_child')
    .set({
      transfer_accepted_by: a.acceptedBy,
      transfer_accepted_at: a.acceptedAt,
      transfer_recorded_by: a.recordedBy,
    })
    .where('id', '=', contactChildId)
    .execute()
}

/** The referral a child's contact opened, and its strategy discussion through protection's published view. */
export async function whatFollowed(db: Db, contactChildId: number) {
  const row = await db
    .selectFrom('referral as r')
    .leftJoin('protection_strategy_discussion_v as sd', 'sd.referral_id', 'r.id')
    .select(['r.id as referralId', 'sd.id as sdId', 'sd.held_at as sdHeldAt'])
    .where('r.contact_child_id', '=', contactChildId)
    .orderBy('sd.id', 'desc')
    .executeTakeFirst()
  return {
    referralId: row?.referralId ?? null,
    strategyDiscussion: row?.sdId ? { id: row.sdId, held_at: row.sdHeldAt ?? null } : null,
  }
}

export async function saveChecksConsent(
  trx: Trx,
  contactId: number,
  c: {
    consent: 'given' | 'refused' | 'not_sought_risk' | 'overridden'
    reason: string | null
    by: number
    at: Date
  },
) {
  await trx
    .updateTable('contact')
    .set({
      checks_consent: c.consent,
      checks_consent_reason: c.reason,
      checks_consent_by: c.by,
      checks_consent_at: c.at,
    })
    .where('id', '=', contactId)
    .execute()
}

export async function checksConsentOf(trx: Trx, contactId: number) {
  const row = await trx
    .selectFrom('contact as c')
    .leftJoin('app_user as u', 'u.id', 'c.checks_consent_by')
    .select([
      'c.checks_consent',
      'c.checks_consent_reason',
      'c.checks_consent_at',
      'u.display_name as byName',
    ])
    .where('c.id', '=', contactId)
    .executeTakeFirst()
  return row ?? null
}

/** The manager of a team, for the task asking them to act. */
export async function managerOfTeam(trx: Trx, teamId: number): Promise<number | null> {
  const row = await trx.selectFrom('team').select('manager_id').where('id', '=', teamId).executeTakeFirst()
  return row?.manager_id ?? null
}

/** The strategy discussion asked for from an open case's contact, if one was. */
export async function strategyAskedFor(db: Db, contactChildId: number): Promise<number | null> {
  const row = await db
    .selectFrom('case_event')
    .select(sql<string>`attributes->>'strategyDiscussionId'`.as('id'))
    .where('subject_type', '=', 'contact')
    .where('subject_id', '=', String(contactChildId))
    .where('type', '=', 'contact.strategy_discussion_requested')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row?.id ? Number(row.id) : null
}

/**
 * The decision on each child of a contact, and what follows it: the decision itself (opening a
 * referral when it sends the child to social care), the allocated worker taking a contact into
 * their case, feedback to the referrer, and withdrawal of a contact still in triage.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { decideLinkedContacts } from './duplicate-service.js'
import { decisionDepartsFromThreshold, decisionOption, type DecisionInput } from './model.js'
import { openReferral } from './referral-service.js'
import { findTeam } from './referral-store.js'
import {
  authorise,
  ContactStateError,
  liveContactChild,
  NotFoundError,
  openForTriage,
  requireRole,
  type FrontdoorDeps,
} from './service-support.js'
import * as store from './store.js'
import type { Trx } from './store.js'

/**
 * The decision on one child, made or authorised by a MASH social worker or manager, with the
 * management oversight note. A referral or a strategy discussion opens a referral the same day,
 * held by the chosen team until its manager allocates a worker; the referral is flagged as a
 * re-referral when the child was referred in the 12 months before.
 */
export async function decideContactChild(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  input: DecisionInput,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.decide')
  const childId = await store.childOfContactChild(db, contactChildId)
  if (childId) await authorise({ db, clock }, actor, 'child.view', childId, audit)
  return db.transaction().execute(async (trx) => {
    const now = clock.now()
    const row = await openForTriage(trx, contactChildId)
    if (row.threshold_level === null || row.rag === null)
      throw new ContactStateError('Set the level of need and the urgency before the decision.', 'rating')
    if (decisionDepartsFromThreshold(row.threshold_level, input.decision) && input.decisionReason === null)
      throw new ContactStateError(
        `This decision is outside the routes for level ${row.threshold_level} need: enter the reason for it`,
        'decisionReason',
      )
    const option = decisionOption(input.decision)
    const team = option.createsReferral ? await receivingTeam(trx, input.teamId) : null
    await store.saveDecision(trx, contactChildId, {
      decision: input.decision,
      decisionReason: input.decisionReason,
      transferAuthority: input.decision === 'transfer' ? input.transferAuthority : null,
      oversightNote: input.oversightNote,
      decidedBy: actor.id,
      at: now,
    })
    await decideLinkedContacts(trx, actor, audit, { contactChildId, input, at: now })
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.decided',
      occurredAt: now,
      summary: `Decision: ${option.label.toLowerCase()}${input.decision === 'transfer' ? ` (${input.transferAuthority})` : ''}`,
      recordedBy: actor.id,
      attributes: { decision: input.decision },
    })
    const referralId =
      team === null
        ? null
        : await openReferral(trx, actor, audit, {
            childId: row.child_id,
            contactChildId,
            source: row.referral_source,
            teamId: team.id,
            teamName: team.name,
            strategyDiscussion: input.decision === 'strategy_discussion',
            at: now,
          })
    await recordAudit(trx, audit, {
      action: 'contact.decide',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
      detail: { decision: input.decision, referralId },
    })
    return { referralId, contactId: row.contact_id }
  })
}

/** The team a referral goes to: one that exists, chosen on the decision form. */
async function receivingTeam(trx: Trx, teamId: number | null) {
  const team = await findTeam(trx, teamId ?? -1)
  if (!team) throw new ContactStateError('Select the team the referral goes to', 'teamId')
  return team
}

/**
 * The allocated worker acknowledges a contact passed to them: it joins their case rather than
 * opening a new referral, and the decision clock stops.
 */
export async function acknowledgeRoutedContact(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  note: string,
  audit: AuditContext,
) {
  const childId = await store.childOfContactChild(db, contactChildId)
  if (!childId) throw new NotFoundError(`No contact child ${contactChildId}`)
  await authorise({ db, clock }, actor, 'child.edit', childId, audit)
  return db.transaction().execute(async (trx) => {
    const row = await store.loadContactChild(trx, contactChildId)
    if (!row || row.child_id === null || row.status !== 'routed_to_allocated_worker' || row.decision !== null)
      throw new ContactStateError('This contact is not waiting for the allocated worker.')
    const now = clock.now()
    await store.saveAcknowledgement(trx, contactChildId, { note, by: actor.id, at: now })
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.decided',
      occurredAt: now,
      summary: 'Contact taken into the open case by the allocated worker',
      recordedBy: actor.id,
      attributes: { decision: 'passed_to_allocated_worker' },
    })
    await recordAudit(trx, audit, {
      action: 'contact.acknowledge',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
    })
    return { contactId: row.contact_id }
  })
}

export async function recordFeedback(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  input: { feedbackMethod: 'phone' | 'email' | 'letter' | 'partner_portal'; feedbackNote: string | null },
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  return db.transaction().execute(async (trx) => {
    const row = await liveContactChild(trx, contactChildId)
    if (row.status !== 'decided')
      throw new ContactStateError('Feedback follows the decision.', 'feedbackMethod')
    if (row.feedback_at !== null)
      throw new ContactStateError('Feedback has already been recorded.', 'feedbackMethod')
    const now = clock.now()
    await store.saveFeedback(trx, contactChildId, {
      method: input.feedbackMethod,
      note: input.feedbackNote,
      by: actor.id,
      at: now,
    })
    if (row.child_id !== null)
      await recordCaseEvent(trx, {
        childId: row.child_id,
        subjectType: 'contact',
        subjectId: contactChildId,
        type: 'contact.feedback',
        occurredAt: now,
        summary: `Referrer told the outcome (${input.feedbackMethod.replace('_', ' ')})`,
        recordedBy: actor.id,
      })
    await recordAudit(trx, audit, {
      action: 'contact.feedback',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
    })
    return { contactId: row.contact_id }
  })
}

export async function withdrawContactChild(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  reason: string,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.decide')
  return db.transaction().execute(async (trx) => {
    const row = await liveContactChild(trx, contactChildId)
    if (row.status !== 'in_triage' && row.status !== 'awaiting_match')
      throw new ContactStateError('Only a contact still in triage can be withdrawn.', 'reason')
    await store.saveWithdrawal(trx, contactChildId, reason)
    if (row.child_id !== null)
      await recordCaseEvent(trx, {
        childId: row.child_id,
        subjectType: 'contact',
        subjectId: contactChildId,
        type: 'contact.withdrawn',
        occurredAt: clock.now(),
        summary: `Contact withdrawn: ${reason}`,
        recordedBy: actor.id,
      })
    await recordAudit(trx, audit, {
      action: 'contact.withdraw',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
      detail: { reason },
    })
    return { contactId: row.contact_id }
  })
}

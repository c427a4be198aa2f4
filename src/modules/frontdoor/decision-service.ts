/**
 * The decision on each child of a contact, and what follows it: the decision itself (opening a
 * referral when it sends the child to social care), the allocated worker taking a contact into
 * their case, feedback to the referrer, and withdrawal of a contact still in triage.
 */
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { ContactDecision, ThresholdLevel } from '../../platform/db/schema.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { REFERRER_FEEDBACK_CLOCK } from '../../platform/calendar/store.js'
import { assignClockTask, recordCaseEvent } from '../../platform/tasks/case-events.js'
import { decideLinkedContacts, refuseIfLinked } from './duplicate-service.js'
import * as authorisations from './authorisation-store.js'
import {
  authorisationProblem,
  authorisationRefusal,
  departsFromProtection,
  needsSecondPerson,
  recommendationProblem,
  transferOpensStrategyDiscussion,
  type AuthorisationInput,
  type RecommendationInput,
} from './authorisation.js'
import { decisionOption, referrerToTell } from './model.js'
import { requestStrategyDiscussion } from '../protection/service.js'
import { openReferral } from './referral-service.js'
import { findTeam } from './referral-store.js'
import {
  authorisationSettings,
  authoriseContactChild,
  ContactStateError,
  liveContactChild,
  NotAllowedError,
  NotFoundError,
  openForTriage,
  requireRole,
  type FrontdoorDeps,
} from './service-support.js'
import * as store from './store.js'
import type { Trx } from './store.js'

/** Deciding: the role decides, and the child (once found) is open to the actor. */
const DECIDE = { role: 'contact.decide' } as const

/**
 * A MASH social worker's (or manager's) recommended decision on one child, with their analysis.
 * It waits for a manager (`authoriseRecommendation`) unless the authority lets this outcome stand
 * alone at this level (never at level 3 or 4): then it is decided at once, on the recommender's
 * word, and says so. The decision clocks keep running until the decision is authorised.
 */
export async function recommendDecision(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  input: RecommendationInput,
  audit: AuditContext,
) {
  const { db, clock } = deps
  await authoriseContactChild(deps, actor, contactChildId, audit, DECIDE)
  return db
    .transaction()
    .execute((trx) => recommendWithin(trx, deps, actor, audit, contactChildId, input, clock.now()))
}

/**
 * The recommendation itself, inside the caller's transaction (one child here; several police
 * notifications at once in `bulk.ts`). The caller has checked the actor may open the child.
 */
export async function recommendWithin(
  trx: Trx,
  deps: FrontdoorDeps,
  actor: Actor,
  audit: AuditContext,
  contactChildId: number,
  input: RecommendationInput,
  now: Date,
) {
  const row = await openForTriage(trx, contactChildId)
  await refuseIfLinked(trx, contactChildId)
  if (row.threshold_level === null || row.rag === null)
    throw new ContactStateError('Set the level of need and the urgency before the decision.', 'rating')
  const level = row.threshold_level
  const problem = recommendationProblem(level, row.consent, input)
  if (problem) throw new ContactStateError(problem.message, problem.field)
  const needsTeam =
    decisionOption(input.decision).createsReferral || transferOpensStrategyDiscussion(level, input.decision)
  if (needsTeam) await receivingTeam(trx, input.teamId, input.decision)
  const recommendation = {
    contactChildId,
    decision: input.decision,
    decisionReason: input.decisionReason,
    transferAuthority: input.decision === 'transfer' ? input.transferAuthority : null,
    teamId: needsTeam ? input.teamId : null,
    consentOverrideReason: input.consentOverrideReason,
    rationale: input.rationale,
    recommendedBy: actor.id,
    at: now,
  }
  const recommendationId = await authorisations.insertRecommendation(trx, recommendation)
  const label = decisionOption(input.decision).label.toLowerCase()
  if (!needsSecondPerson(level, input.decision, authorisationSettings(deps))) {
    const decided = await applyDecision(
      trx,
      actor,
      audit,
      { ...row, threshold_level: level },
      recommendationId,
      recommendation,
      {
        oversightNote: input.rationale,
        noStrategyReason: null,
        alone: true,
        at: now,
      },
    )
    return { ...decided, awaitingAuthorisation: false }
  }
  await authorisations.setContactChildStatus(trx, contactChildId, 'awaiting_authorisation')
  await recordCaseEvent(trx, {
    childId: row.child_id,
    subjectType: 'contact',
    subjectId: contactChildId,
    type: 'contact.recommended',
    occurredAt: now,
    summary: `Recommended: ${label}, for a manager to authorise`,
    recordedBy: actor.id,
    attributes: { decision: input.decision },
  })
  await recordAudit(trx, audit, {
    action: 'contact.recommend',
    outcome: 'allowed',
    childId: row.child_id,
    recordType: 'contact_child',
    recordId: contactChildId,
    detail: { decision: input.decision, recommendationId },
  })
  return { contactId: row.contact_id, referralId: null, awaitingAuthorisation: true }
}

/**
 * A manager's answer to a recommendation: authorised, with the management oversight note (the
 * decision is made now, by them, and the decision clocks stop), or returned to triage with the
 * reason. Never by the person who recommended it; a refusal is audited.
 */
export async function authoriseRecommendation(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  input: AuthorisationInput,
  audit: AuditContext,
) {
  const { db, clock } = deps
  await authoriseContactChild(deps, actor, contactChildId, audit, DECIDE)
  await refuseUnlessAuthoriser(deps, actor, contactChildId, audit)
  return db
    .transaction()
    .execute((trx) => authoriseWithin(trx, deps, actor, audit, contactChildId, input, clock.now()))
}

/**
 * The manager's answer, inside the caller's transaction (one child here; several at once from
 * the authorisation queue). The caller has checked access and refused the recommender.
 */
export async function authoriseWithin(
  trx: Trx,
  deps: FrontdoorDeps,
  actor: Actor,
  audit: AuditContext,
  contactChildId: number,
  input: AuthorisationInput,
  now: Date,
) {
  const recommendation = await authorisations.awaitingRecommendation(trx, contactChildId)
  const row = await liveContactChild(trx, contactChildId)
  if (!recommendation || row.status !== 'awaiting_authorisation' || row.child_id === null)
    throw new ContactStateError(
      'There is no recommendation waiting for authorisation on this child.',
      'outcome',
    )
  const refusal = authorisationRefusal(actor, recommendation.recommended_by, authorisationSettings(deps))
  if (refusal) throw new NotAllowedError(refusal)
  const level = row.threshold_level ?? '1'
  if (input.outcome === 'return') {
    const reason = input.returnReason ?? ''
    await authorisations.markReturned(trx, recommendation.id, { by: actor.id, at: now, reason })
    await authorisations.setContactChildStatus(trx, contactChildId, 'in_triage')
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.returned',
      occurredAt: now,
      summary: `Recommendation returned: ${reason}`,
      recordedBy: actor.id,
      attributes: { decision: recommendation.decision },
    })
    await recordAudit(trx, audit, {
      action: 'contact.return',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
      detail: { recommendationId: recommendation.id },
    })
    return { contactId: row.contact_id, referralId: null, returned: true }
  }
  const problem = authorisationProblem(level, recommendation.decision, input)
  if (problem) throw new ContactStateError(problem.message, problem.field)
  const decided = await applyDecision(
    trx,
    actor,
    audit,
    { ...row, child_id: row.child_id, threshold_level: level },
    recommendation.id,
    {
      decision: recommendation.decision,
      decisionReason: recommendation.decision_reason,
      transferAuthority: recommendation.transfer_authority,
      teamId: recommendation.team_id,
      recommendedBy: recommendation.recommended_by,
    },
    {
      oversightNote: input.oversightNote ?? '',
      // Asked for only when the decision departs from a strategy discussion at level 4.
      noStrategyReason: departsFromProtection(level, recommendation.decision) ? input.noStrategyReason : null,
      alone: false,
      at: now,
    },
  )
  return { ...decided, returned: false }
}

/** A refusal before any work: the role cannot authorise, or the actor made the recommendation. */
export async function refuseUnlessAuthoriser(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  audit: AuditContext,
) {
  const recommendedBy = await authorisations.recommenderOf(deps.db, contactChildId)
  if (recommendedBy === null) return
  const refusal = authorisationRefusal(actor, recommendedBy, authorisationSettings(deps))
  if (refusal === null) return
  await recordAuditAlone(deps.db, audit, {
    action: 'contact.authorise',
    outcome: 'denied',
    childId: await store.childOfContactChild(deps.db, contactChildId),
    recordType: 'contact_child',
    recordId: contactChildId,
    detail: { reason: refusal },
  })
  throw new NotAllowedError(refusal)
}

/**
 * The decision made: the recommendation authorised, the child's contact decided by the authoriser
 * with their oversight note, and what follows it: a referral (with a strategy discussion at
 * significant harm, here even when the child's home authority is to take the case), and for a
 * transfer the clock until the other authority accepts it.
 */
async function applyDecision(
  trx: Trx,
  actor: Actor,
  audit: AuditContext,
  row: {
    id: number
    contact_id: number
    child_id: number
    threshold_level: ThresholdLevel
    referral_source: string
  },
  recommendationId: number,
  chosen: {
    decision: ContactDecision
    decisionReason: string | null
    transferAuthority: string | null
    teamId: number | null
    recommendedBy: number
  },
  how: { oversightNote: string; noStrategyReason: string | null; alone: boolean; at: Date },
) {
  const { decision } = chosen
  const option = decisionOption(decision)
  const strategy =
    decision === 'strategy_discussion' || transferOpensStrategyDiscussion(row.threshold_level, decision)
  const team = option.createsReferral || strategy ? await receivingTeam(trx, chosen.teamId, decision) : null
  await authorisations.markAuthorised(trx, recommendationId, {
    by: actor.id,
    at: how.at,
    oversightNote: how.oversightNote,
    noStrategyReason: how.noStrategyReason,
    alone: how.alone,
  })
  await store.saveDecision(trx, row.id, {
    decision,
    decisionReason: chosen.decisionReason,
    transferAuthority: decision === 'transfer' ? chosen.transferAuthority : null,
    oversightNote: how.oversightNote,
    decidedBy: actor.id,
    at: how.at,
  })
  const event = {
    childId: row.child_id,
    subjectType: 'contact',
    subjectId: row.id,
    occurredAt: how.at,
    recordedBy: actor.id,
  }
  if (!how.alone)
    await recordCaseEvent(trx, {
      ...event,
      type: 'contact.authorised',
      summary: `Decision authorised: ${option.label.toLowerCase()}`,
      attributes: { decision },
    })
  const decidedEvent = await recordCaseEvent(trx, {
    ...event,
    type: 'contact.decided',
    summary: `Decision: ${option.label.toLowerCase()}${decision === 'transfer' ? ` (${chosen.transferAuthority})` : ''}${how.alone ? ', without a second person as the authority allows' : ''}`,
    attributes: { decision, referrer: referrerToTell(row.referral_source) },
  })
  // The decision starts the clock to tell the referrer; it goes on the list of the social worker
  // who recommended it and knows the case.
  await assignClockTask(trx, REFERRER_FEEDBACK_CLOCK, decidedEvent, chosen.recommendedBy)
  // A duplicate linked to this contact takes the same decision, in the same transaction.
  await decideLinkedContacts(trx, actor, audit, {
    contactChildId: row.id,
    input: {
      decision,
      decisionReason: chosen.decisionReason,
      transferAuthority: chosen.transferAuthority,
      oversightNote: how.oversightNote,
    },
    at: how.at,
  })
  if (decision === 'transfer')
    await recordCaseEvent(trx, {
      ...event,
      type: 'contact.transfer_requested',
      summary: `Transfer to ${chosen.transferAuthority}: awaiting their acceptance`,
    })
  const referralId =
    team === null
      ? null
      : await openReferral(trx, actor, audit, {
          childId: row.child_id,
          contactChildId: row.id,
          source: row.referral_source,
          teamId: team.id,
          teamName: team.name,
          strategyDiscussion: strategy,
          at: how.at,
        })
  await recordAudit(trx, audit, {
    action: 'contact.decide',
    outcome: 'allowed',
    childId: row.child_id,
    recordType: 'contact_child',
    recordId: row.id,
    detail: { decision, referralId, recommendationId, alone: how.alone },
  })
  return { referralId, contactId: row.contact_id }
}

/**
 * The other authority has accepted the child's case: who there accepted it and when. The
 * transfer's clock stops.
 */
export async function recordTransferAcceptance(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  input: { acceptedBy: string; acceptedAt: Date },
  audit: AuditContext,
) {
  const { db, clock } = deps
  await authoriseContactChild(deps, actor, contactChildId, audit, DECIDE)
  return db.transaction().execute(async (trx) => {
    const row = await liveContactChild(trx, contactChildId)
    if (row.decision !== 'transfer' || row.child_id === null)
      throw new ContactStateError('This child’s contact was not transferred.', 'acceptedBy')
    if (row.transfer_accepted_at !== null)
      throw new ContactStateError('The transfer’s acceptance has already been recorded.', 'acceptedBy')
    if (input.acceptedAt.getTime() > clock.now().getTime() + 60_000)
      throw new ContactStateError('Date accepted must be today or in the past', 'accepted-day')
    await authorisations.saveTransferAcceptance(trx, contactChildId, { ...input, recordedBy: actor.id })
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.transfer_accepted',
      occurredAt: input.acceptedAt,
      summary: `Transfer accepted by ${row.transfer_authority ?? 'the home authority'} (${input.acceptedBy})`,
      recordedBy: actor.id,
    })
    await recordAudit(trx, audit, {
      action: 'contact.transfer_accept',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
    })
    return { contactId: row.contact_id }
  })
}

/** The team a referral (or the strategy discussion before a transfer) goes to: one that exists. */
async function receivingTeam(trx: Trx, teamId: number | null, decision: ContactDecision) {
  const team = await findTeam(trx, teamId ?? -1)
  if (!team)
    throw new ContactStateError(
      decision === 'transfer'
        ? 'Select the team that holds the strategy discussion before the transfer'
        : 'Select the team the referral goes to',
      'teamId',
    )
  return team
}

/**
 * The allocated worker acknowledges a contact passed to them: it joins their case rather than
 * opening a new referral, and the decision clock stops.
 */
export async function acknowledgeRoutedContact(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  note: string,
  audit: AuditContext,
) {
  const { db, clock } = deps
  await authoriseContactChild(deps, actor, contactChildId, audit, {
    child: 'child.edit',
    unfound: () => new NotFoundError(`No contact child ${contactChildId}`),
  })
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
      // Not a front-door decision: the allocated worker deals with the referrer, so no feedback clock.
      attributes: { decision: 'passed_to_allocated_worker', referrer: 'none' },
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

/**
 * The allocated worker's manager asks for a strategy discussion about new harm alleged in an open
 * case (the contact went to the allocated worker, not to a new referral). It opens in the
 * protection module and ends the prompt the level 4 rating started.
 */
export async function askForStrategyDiscussion(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  reason: string,
  audit: AuditContext,
) {
  const { db, clock } = deps
  await authoriseContactChild(deps, actor, contactChildId, audit, {
    role: 'child.allocate',
    child: 'child.allocate',
    unfound: () => new NotFoundError(`No contact child ${contactChildId}`),
  })
  if ((await authorisations.strategyAskedFor(db, contactChildId)) !== null)
    throw new ContactStateError('A strategy discussion has already been asked for.', 'strategyReason')
  return db.transaction().execute(async (trx) => {
    const row = await liveContactChild(trx, contactChildId)
    if (row.status !== 'routed_to_allocated_worker' || row.child_id === null)
      throw new ContactStateError('This contact is not about a child with an open case.', 'strategyReason')
    const now = clock.now()
    const strategyDiscussionId = await requestStrategyDiscussion(trx, actor, audit, {
      childId: row.child_id,
      referralId: null,
      reason,
      at: now,
    })
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.strategy_discussion_requested',
      occurredAt: now,
      summary: `Strategy discussion asked for in the open case: ${reason}`,
      recordedBy: actor.id,
      attributes: { strategyDiscussionId },
    })
    return { contactId: row.contact_id, strategyDiscussionId }
  })
}

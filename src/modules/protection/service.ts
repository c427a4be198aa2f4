/**
 * Child protection's use cases. A strategy discussion is asked for by another module's decision
 * (the front door's, in its own transaction) and recorded here once held; each step writes its
 * case event (the clock `strategy-discussion-24h` runs from the request to the discussion) and
 * its audit row in the same transaction.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import { londonDate } from '../../platform/calendar/dates.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { AssessmentStateError, startAssessment } from '../assessment/service.js'
import { IMMEDIATE_PROTECTION, labelOf, OUTCOMES, startsS47, type HeldInput } from './model.js'
import { invitationsOf } from './conference-store.js'
import { startS47 } from './s47-service.js'
import { s47OfDiscussion } from './s47-store.js'
import * as store from './store.js'
import type { Db, Trx } from './store.js'

export interface ProtectionDeps {
  db: Db
  clock: Clock
}

/** A step the discussion's present state does not allow (held already, cancelled). */
export class ProtectionStateError extends Error {
  constructor(
    message: string,
    readonly field = 'form',
  ) {
    super(message)
    this.name = 'ProtectionStateError'
  }
}

/**
 * Asks for a strategy discussion about a child, inside the caller's transaction (the decision
 * that asks for it commits with it or not at all). The caller has checked the actor may decide.
 */
export async function requestStrategyDiscussion(
  trx: Trx,
  actor: Pick<Actor, 'id'>,
  audit: AuditContext,
  r: { childId: number; referralId: number | null; reason: string | null; at: Date },
): Promise<number> {
  const id = await store.insertStrategyDiscussion(trx, {
    childId: r.childId,
    referralId: r.referralId,
    requestedBy: actor.id,
    at: r.at,
    reason: r.reason,
  })
  await recordCaseEvent(trx, {
    childId: r.childId,
    subjectType: 'strategy_discussion',
    subjectId: id,
    type: 'strategy_discussion.requested',
    occurredAt: r.at,
    summary: 'Strategy discussion to be held',
    recordedBy: actor.id,
  })
  await recordAudit(trx, audit, {
    action: 'strategy_discussion.request',
    outcome: 'allowed',
    childId: r.childId,
    recordType: 'strategy_discussion',
    recordId: id,
    detail: { referralId: r.referralId },
  })
  return id
}

/** A strategy discussion and who took part. The route's subject has checked and audited the view. */
export async function viewStrategyDiscussion({ db }: ProtectionDeps, id: number) {
  const discussion = await store.loadStrategyDiscussion(db, id)
  if (!discussion) throw new NotFoundError(`No strategy discussion ${id}`)
  return {
    discussion,
    participants: await store.participantsOf(db, id),
    invitations: await invitationsOf(db, { strategyDiscussionId: id }),
    s47: (await s47OfDiscussion(db, id)) ?? null,
  }
}

/**
 * Records the discussion as held: when, who took part by agency and what each shared, the outcome
 * and what was agreed. An outcome of a section 47 enquiry (or immediate protection) starts the
 * enquiry in the same transaction, dated the day of the discussion; an outcome of a child and
 * family assessment starts it from the discussion's referral through the assessment module's
 * service (or, the referral having one already, links to it: one assessment per referral).
 */
export async function recordStrategyDiscussionHeld(
  { db, clock }: ProtectionDeps,
  actor: Actor,
  id: number,
  held: HeldInput,
  audit: AuditContext,
) {
  return db.transaction().execute(async (trx) => {
    const row = await store.lockStrategyDiscussion(trx, id)
    if (!row) throw new NotFoundError(`No strategy discussion ${id}`)
    if (row.held_at !== null)
      throw new ProtectionStateError('This strategy discussion has already been recorded.')
    if (row.cancelled_at !== null) throw new ProtectionStateError('This strategy discussion was cancelled.')
    const now = clock.now()
    await store.saveHeld(trx, id, held, actor.id, now)
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'strategy_discussion',
      subjectId: id,
      type: 'strategy_discussion.held',
      occurredAt: held.heldAt,
      summary:
        `Strategy discussion held: ${(labelOf(OUTCOMES, held.outcome) ?? held.outcome).toLowerCase()}` +
        (held.immediateProtection
          ? ` (${(labelOf(IMMEDIATE_PROTECTION, held.immediateProtection) ?? '').toLowerCase()})`
          : ''),
      recordedBy: actor.id,
      attributes: {
        outcome: held.outcome,
        immediateProtection: held.immediateProtection,
        agencies: [...new Set(held.participants.map((p) => p.agency))],
      },
    })
    await recordAudit(trx, audit, {
      action: 'strategy_discussion.record',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'strategy_discussion',
      recordId: id,
      detail: { outcome: held.outcome, participants: held.participants.length },
    })
    const s47Id = startsS47(held.outcome)
      ? await startS47(trx, actor, audit, {
          strategyDiscussionId: id,
          childId: row.child_id,
          heldAt: held.heldAt,
          outcome: held.outcome,
          at: now,
        })
      : null
    const assessment =
      held.outcome === 'cin_assessment' && row.referral_id !== null
        ? await continueAssessment(trx, { db, clock }, actor, audit, {
            childId: row.child_id,
            referralId: row.referral_id,
            startedOn: londonDate(held.heldAt.getTime()),
          })
        : null
    return {
      childId: row.child_id,
      referralId: row.referral_id,
      s47Id,
      assessmentId: assessment?.assessmentId ?? null,
      assessmentStarted: assessment?.started ?? false,
    }
  })
}

/**
 * The discussion decided the assessment continues: the referral's assessment, started now (on
 * the discussion's day, its clock from the referral) unless the referral has one already.
 */
async function continueAssessment(
  trx: Trx,
  deps: ProtectionDeps,
  actor: Actor,
  audit: AuditContext,
  a: { childId: number; referralId: number; startedOn: string },
): Promise<{ assessmentId: number; started: boolean }> {
  const existing = await store.assessmentOfReferral(trx, a.referralId)
  if (existing) return { assessmentId: existing.assessment_id, started: false }
  try {
    const { assessmentId } = await startAssessment(trx, deps, { actorId: actor.id, audit }, a)
    return { assessmentId, started: true }
  } catch (err) {
    // The referral does not allow it (closed meanwhile): say so; nothing is saved.
    if (err instanceof AssessmentStateError) throw new ProtectionStateError(err.message, 'outcome')
    throw err
  }
}

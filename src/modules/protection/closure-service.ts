/**
 * Closing a child's social care case with the closure checklist (issue 15). The allocated worker
 * (or their manager) proposes the closure with the checklist; it goes to a manager through the
 * platform's sign-off step, and the case stays open until a manager other than the proposer
 * authorises it. Refused, with nothing saved, while the child is on a CP or CIN plan or an
 * assessment is not authorised (read through the published views), both when proposed and when
 * authorised. On authorisation, in one transaction: the referral closes with the CIN census
 * reason (the front door's service), the allocation ends (the platform's grants), `case.closed`
 * cancels the management oversight clock, and every step is audited. Time from the injected clock.
 */
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { referralPrompted, type ClosureChecklist } from '../../platform/casework/closure.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { endAllocation, loadChildRecord } from '../../platform/permissions/store.js'
import type { SignOffDecision } from '../../platform/signoff/rule.js'
import {
  askSignOff,
  decideSignOff,
  signOffHistory,
  SignOffStateError,
} from '../../platform/signoff/service.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { closeReferralForCaseClosure } from '../frontdoor/referral-service.js'
import {
  type CaseClosureInput,
  ALREADY_AWAITING,
  CASE_CLOSED_EVENT,
  CASE_CLOSURE_SUBJECT,
  closureBlockers,
  NO_OPEN_CASE,
  SOCIAL_CARE_CLOSURE_REASONS,
} from './closure-model.js'
import * as store from './closure-store.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'

/** The management oversight clock's subject (casenotes' OVERSIGHT_SUBJECT: the child's case). */
const OVERSIGHT_SUBJECT = 'child_oversight'

const reasonText = (code: string) => {
  const r = SOCIAL_CARE_CLOSURE_REASONS.find((x) => x.code === code)
  return r ? `${r.code} ${r.label}` : code
}

/** Where the child's case stands for closing it: the open referral, what blocks, what waits. */
export async function closureState({ db }: ProtectionDeps, childId: number) {
  const [referral, open, closures] = await Promise.all([
    store.openReferralOf(db, childId),
    store.openWorkOf(db, childId),
    store.closuresOf(db, childId),
  ])
  return {
    referral: referral ?? null,
    blockers: closureBlockers(open),
    awaiting: closures.find((c) => c.status === 'awaiting') ?? null,
    latest: closures[0] ?? null,
    closures,
  }
}
export type ClosureState = Awaited<ReturnType<typeof closureState>>

/** A refusal is audited on its own, the change rolled back: a permission or a rule of the case. */
async function auditRefusal(
  deps: ProtectionDeps,
  audit: AuditContext,
  action: string,
  childId: number | null,
  recordId: number | null,
  err: unknown,
) {
  if (err instanceof NotAllowedError || err instanceof ProtectionStateError)
    await recordAuditAlone(deps.db, audit, {
      action,
      outcome: 'denied',
      childId,
      recordType: CASE_CLOSURE_SUBJECT,
      recordId,
      detail: { reason: err instanceof NotAllowedError ? err.reason : err.message },
    })
}

/**
 * The worker proposes closing the child's case with the checklist: saved and sent to the allocated
 * team's manager for sign-off. Refused when the child has no open case, one waits already, or a
 * plan or assessment is still open.
 */
export async function proposeClosure(
  deps: ProtectionDeps,
  actor: Actor,
  childId: number,
  { checklist, stepDownNote }: CaseClosureInput,
  audit: AuditContext,
): Promise<{ closureId: number; managerId: number | null }> {
  const { db, clock } = deps
  try {
    return await db.transaction().execute(async (trx) => {
      const now = clock.now()
      const decision = allow(actor, 'child.edit', await loadChildRecord(trx, childId), now)
      if (!decision.allowed) throw new NotAllowedError(decision.reason)
      if (await store.lockAwaitingOf(trx, childId)) throw new ProtectionStateError(ALREADY_AWAITING)
      const referral = await store.openReferralOf(trx, childId)
      if (!referral) throw new ProtectionStateError(NO_OPEN_CASE)
      const blockers = closureBlockers(await store.openWorkOf(trx, childId))
      if (blockers.length) throw new ProtectionStateError(blockers.join('. '))
      const prompted = referralPrompted(checklist)
      const closureId = await store.insertClosure(trx, {
        childId,
        referralId: referral.id,
        checklist,
        referralPrompted: prompted,
        stepDownNote,
        by: actor.id,
        at: now,
      })
      const { managerId } = await askSignOff(trx, {
        subjectType: CASE_CLOSURE_SUBJECT,
        subjectId: closureId,
        childId,
        askedBy: actor.id,
        at: now,
        summary: `Closure of the case: ${reasonText(checklist.reasonCode)}${prompted ? ' (consent withdrawn, risks unchanged)' : ''}${stepDownNote ? ', stepping down to early help' : ''}`,
      })
      await recordCaseEvent(trx, {
        childId,
        subjectType: CASE_CLOSURE_SUBJECT,
        subjectId: closureId,
        type: 'case_closure.proposed',
        occurredAt: now,
        summary: `Closure of the case proposed: ${reasonText(checklist.reasonCode)}`,
        recordedBy: actor.id,
        attributes: { referralId: referral.id, reasonCode: checklist.reasonCode, referralPrompted: prompted },
      })
      await recordAudit(trx, audit, {
        action: 'case_closure.propose',
        outcome: 'allowed',
        childId,
        recordType: CASE_CLOSURE_SUBJECT,
        recordId: closureId,
        basis: decision.basis,
        detail: {
          referralId: referral.id,
          reasonCode: checklist.reasonCode,
          referralPrompted: prompted,
          stepDown: stepDownNote !== null,
        },
      })
      return { closureId, managerId }
    })
  } catch (err) {
    await auditRefusal(deps, audit, 'case_closure.propose', childId, null, err)
    throw err
  }
}

/** Everything the closure's pages show. The route's subject has checked and audited the view. */
export async function viewClosure({ db }: ProtectionDeps, closureId: number) {
  const closure = await store.loadClosure(db, closureId)
  if (!closure) throw new NotFoundError(`No case closure ${closureId}`)
  const signOffs = await signOffHistory(db, CASE_CLOSURE_SUBJECT, closureId)
  return {
    closure,
    checklist: closure.checklist as unknown as ClosureChecklist,
    signOffs,
    awaiting: signOffs.find((s) => s.status === 'awaiting') ?? null,
  }
}
export type ClosureView = Awaited<ReturnType<typeof viewClosure>>

/**
 * A manager authorises the closure (the case closes now) or returns it with the reason. The
 * platform's rule refuses the proposer; the case must still be closable; a second manager deciding
 * at the same moment waits on the lock and is told it has been decided.
 */
export async function decideClosure(
  deps: ProtectionDeps,
  actor: Actor,
  closureId: number,
  decision: SignOffDecision,
  audit: AuditContext,
): Promise<{ outcome: 'authorised' | 'returned'; childId: number }> {
  const { db, clock } = deps
  let childId: number | null = null
  try {
    return await db.transaction().execute(async (trx) => {
      const now = clock.now()
      const closure = await store.lockClosure(trx, closureId)
      if (!closure) throw new NotFoundError(`No case closure ${closureId}`)
      childId = closure.child_id
      // Decided before access: the manager who loses a race to authorise has lost the case's
      // allocation with it, and should be told it was decided, not that they have no link.
      if (closure.status !== 'awaiting')
        throw new ProtectionStateError('This closure has already been decided.', 'outcome')
      const access = allow(actor, 'child.allocate', await loadChildRecord(trx, closure.child_id), now)
      if (!access.allowed) throw new NotAllowedError(access.reason)
      let decided
      try {
        decided = await decideSignOff(trx, actor, {
          subjectType: CASE_CLOSURE_SUBJECT,
          subjectId: closureId,
          at: now,
          decision,
          what: 'the closure of this case',
        })
      } catch (err) {
        if (err instanceof SignOffStateError) throw new ProtectionStateError(err.message, 'outcome')
        throw err
      }
      const authorised = decided.outcome === 'authorised'
      if (authorised) {
        const blockers = closureBlockers(await store.openWorkOf(trx, closure.child_id))
        if (blockers.length) throw new ProtectionStateError(blockers.join('. '), 'outcome')
        const reason = `Case closed: ${reasonText(closure.reason_code)}`
        const closed = await closeReferralForCaseClosure(trx, audit, {
          referralId: closure.referral_id,
          childId: closure.child_id,
          code: closure.reason_code,
          reason,
          by: actor.id,
          at: now,
        })
        if (!closed)
          throw new ProtectionStateError('The child’s referral has already been closed.', 'outcome')
        const ended = await endAllocation(trx, closure.child_id, `Case closed (closure ${closureId})`)
        await recordCaseEvent(trx, {
          childId: closure.child_id,
          subjectType: OVERSIGHT_SUBJECT,
          subjectId: closure.child_id,
          type: CASE_CLOSED_EVENT,
          occurredAt: now,
          summary: closure.step_down ? `${reason}. Stepped down to early help.` : reason,
          recordedBy: actor.id,
          attributes: {
            closureId,
            referralId: closure.referral_id,
            reasonCode: closure.reason_code,
            stepDown: closure.step_down,
          },
        })
        await recordAudit(trx, audit, {
          action: 'child_access.end_allocation',
          outcome: 'allowed',
          childId: closure.child_id,
          recordType: 'child_access',
          recordId: null,
          detail: { closureId, grants: ended.map((g) => g.id) },
        })
      }
      await store.markDecided(trx, closureId, {
        status: authorised ? 'authorised' : 'returned',
        by: actor.id,
        at: now,
      })
      await recordCaseEvent(trx, {
        childId: closure.child_id,
        subjectType: CASE_CLOSURE_SUBJECT,
        subjectId: closureId,
        type: authorised ? 'case_closure.authorised' : 'case_closure.returned',
        occurredAt: now,
        summary: authorised
          ? `Closure of the case authorised: ${reasonText(closure.reason_code)}`
          : 'Closure of the case returned to the worker',
        recordedBy: actor.id,
        attributes: { signOffId: decided.signOffId },
      })
      await recordAudit(trx, audit, {
        action: authorised ? 'case_closure.authorise' : 'case_closure.return',
        outcome: 'allowed',
        childId: closure.child_id,
        recordType: CASE_CLOSURE_SUBJECT,
        recordId: closureId,
        basis: access.basis,
        detail: {
          signOffId: decided.signOffId,
          referralId: closure.referral_id,
          reasonCode: closure.reason_code,
        },
      })
      return { outcome: decided.outcome, childId: closure.child_id }
    })
  } catch (err) {
    await auditRefusal(deps, audit, 'case_closure.authorise', childId, closureId, err)
    throw err
  }
}

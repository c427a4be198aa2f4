/**
 * Child in need plans: the use cases. A plan starts from the child's record (from an authorised
 * assessment whose outcome is a CIN plan, or a CP plan ended as no longer at risk); its page adds
 * actions and records their delivery, visits and reviews, and proposes the end, which a manager
 * authorises through the platform's sign-off step. Every change to a plan goes through the CP
 * plan's `withOpen` (locked, permission checked again, version compared, audited); each writes
 * its case events (the plan's clocks run from them) in the same transaction, and reads the time
 * from the injected clock.
 */
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import type { SignOffDecision } from '../../platform/signoff/rule.js'
import { signOffHistory } from '../../platform/signoff/service.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  ALREADY_ON_CIN_PLAN,
  CIN_ACTION_SUBJECT,
  CIN_PLAN_SUBJECT,
  cinStartRefusal,
  CLOSURE_REASONS,
  sourceKey,
  VISIT_FREQUENCIES,
  type CinEndInput,
  type ReviewInput,
  type StartInput,
} from './cin-plan-model.js'
import * as store from './cin-plan-store.js'
import { labelOf } from './model.js'
import {
  dayInstant,
  endInstant,
  type ActionInput,
  type ProgressInput,
  type VisitInput,
} from './plan-model.js'
import { openTasksOf } from './plan-store.js'
import { decideEndOf, proposeEndOf, withOpen, type OpenOptions, type OpenPlanKind } from './plan-service.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'
import type { Trx } from './store.js'

type LockedCinPlan = NonNullable<Awaited<ReturnType<typeof store.lockCinPlan>>>

const CIN_PLAN: OpenPlanKind<LockedCinPlan> = {
  recordType: 'cin_plan',
  noun: 'child in need plan',
  lock: store.lockCinPlan,
  bump: store.bumpCinVersion,
}

const withOpenCinPlan = <T extends object>(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  o: OpenOptions<T>,
  work: (trx: Trx, plan: LockedCinPlan, now: Date) => Promise<T>,
  detail: (result: T) => Record<string, unknown> = (r) => ({ ...r }) as Record<string, unknown>,
) => withOpen(CIN_PLAN, deps, actor, planId, o, work, detail)

const USED = 'A child in need plan has already been started from this'
const frequencyText = (code: string) => (labelOf(VISIT_FREQUENCIES, code) ?? code).toLowerCase()
const reasonText = (code: string) => `${code} ${labelOf(CLOSURE_REASONS, code) ?? ''}`.trim()

/** What a CIN plan for the child may start from (the start form's choices). */
export async function cinPlanSources({ db }: ProtectionDeps, childId: number) {
  return store.cinPlanSources(db, childId)
}

/**
 * Starts a CIN plan for the child: refused, with nothing written, when the child is already on
 * an open CIN plan, the source is not one the child's plan may follow (or is used), or the start
 * is before it or in the future. The plan's visit and review clocks start on its start date.
 */
export async function startCinPlan(
  deps: ProtectionDeps,
  actor: Actor,
  childId: number,
  input: StartInput,
  audit: AuditContext,
): Promise<{ planId: number }> {
  const { db, clock } = deps
  try {
    return await db.transaction().execute(async (trx) => {
      const now = clock.now()
      const decision = allow(actor, 'child.edit', await loadChildRecord(trx, childId), now)
      if (!decision.allowed) throw new NotAllowedError(decision.reason)
      const open = await store.lockOpenCinPlanOf(trx, childId)
      const source = (await store.cinPlanSources(trx, childId)).find(
        (s) => sourceKey(s) === sourceKey(input.source),
      )
      if (!source) throw new ProtectionStateError(USED, 'source')
      const refusal = cinStartRefusal(input.startDate, source, open !== undefined, londonToday(now))
      if (refusal)
        throw new ProtectionStateError(refusal, refusal === ALREADY_ON_CIN_PLAN ? 'form' : 'start-day')
      // Another transaction may have started a plan for the child since the check: the same refusal.
      const planId = await store.insertCinPlan(trx, {
        childId,
        source,
        startDate: input.startDate,
        frequency: input.frequency,
        by: actor.id,
        at: now,
      })
      if (planId === 'open') throw new ProtectionStateError(ALREADY_ON_CIN_PLAN, 'form')
      if (planId === 'used') throw new ProtectionStateError(USED, 'source')
      const from =
        source.kind === 'assessment' ? 'after the assessment' : 'stepped down from child protection'
      await recordCaseEvent(trx, {
        childId,
        subjectType: CIN_PLAN_SUBJECT,
        subjectId: planId,
        type: 'cin_plan.started',
        occurredAt: dayInstant(input.startDate),
        summary: `Child in need plan started ${from}: visits ${frequencyText(input.frequency)}`,
        recordedBy: actor.id,
        attributes: {
          frequency: input.frequency,
          ...(source.kind === 'assessment' ? { assessmentId: source.id } : { cpPlanId: source.id }),
        },
      })
      await recordAudit(trx, audit, {
        action: 'cin_plan.start',
        outcome: 'allowed',
        childId,
        recordType: 'cin_plan',
        recordId: planId,
        basis: decision.basis,
        detail: { source: sourceKey(source), startDate: input.startDate, frequency: input.frequency },
      })
      return { planId }
    })
  } catch (err) {
    if (err instanceof NotAllowedError)
      await recordAuditAlone(db, audit, {
        action: 'cin_plan.start',
        outcome: 'denied',
        childId,
        recordType: 'cin_plan',
        recordId: null,
        detail: { reason: err.reason },
      })
    throw err
  }
}

/** Everything the plan page shows. The route's subject has checked and audited the view. */
export async function viewCinPlan({ db }: ProtectionDeps, planId: number) {
  const plan = await store.loadCinPlan(db, planId)
  if (!plan) throw new NotFoundError(`No child in need plan ${planId}`)
  const [outcomes, actions, visits, reviews, signOffs] = await Promise.all([
    store.cinOutcomesOf(db, planId),
    store.cinActionsOf(db, planId),
    store.cinVisitsOf(db, planId),
    store.cinReviewsOf(db, planId),
    signOffHistory(db, CIN_PLAN_SUBJECT, planId),
  ])
  const tasks = await openTasksOf(
    db,
    planId,
    actions.map((a) => a.id),
    { plan: CIN_PLAN_SUBJECT, action: CIN_ACTION_SUBJECT },
  )
  return {
    plan,
    outcomes,
    actions,
    visits,
    reviews,
    tasks,
    signOffs,
    awaiting: signOffs.find((s) => s.status === 'awaiting') ?? null,
    lastReturned: signOffs.findLast((s) => s.status === 'returned') ?? null,
  }
}
export type CinPlanView = Awaited<ReturnType<typeof viewCinPlan>>

/** What the child's record shows: each CIN plan, the open one first. */
export async function cinPlanPanel({ db }: ProtectionDeps, childId: number) {
  const plans = await store.cinPlansOnRecord(db, childId)
  return plans.sort((a, b) => Number(a.end_date !== null) - Number(b.end_date !== null))
}

/** The plan and child an action belongs to (for the worklist's link to it). */
export async function cinPlanOfAction({ db }: ProtectionDeps, actionId: number) {
  return store.actionCinPlan(db, actionId)
}

/** Adds an action to the plan (under an outcome it has, or a new one): its due date goes on the worklists. */
export async function addCinAction(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  input: ActionInput,
  audit: AuditContext,
) {
  return withOpenCinPlan(
    deps,
    actor,
    planId,
    { version: input.version, audit, action: 'cin_plan.action_add' },
    async (trx, plan, now) => {
      const saved = await store.insertCinAction(trx, planId, input, actor.id, now)
      await recordCaseEvent(trx, {
        childId: plan.child_id,
        subjectType: CIN_ACTION_SUBJECT,
        subjectId: saved.actionId,
        type: 'cin_action.planned',
        occurredAt: now,
        summary: 'Child in need plan action agreed',
        recordedBy: actor.id,
        attributes: { planId, dueOn: input.dueOn },
      })
      return { ...saved, dueOn: input.dueOn }
    },
  )
}

/** Records an action as delivered (on a date) or not delivered (why): its task stops. */
export async function recordCinActionProgress(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  actionId: number,
  input: ProgressInput,
  audit: AuditContext,
) {
  return withOpenCinPlan(
    deps,
    actor,
    planId,
    { version: input.version, audit, action: 'cin_plan.action_progress' },
    async (trx, plan, now) => {
      const action = await store.cinActionOnPlan(trx, planId, actionId)
      if (!action) throw new NotFoundError(`No action ${actionId} on CIN plan ${planId}`)
      if (action.status !== 'planned')
        throw new ProtectionStateError('This action has already been recorded as delivered or not delivered.')
      const delivered = input.status === 'delivered'
      await store.setCinActionStatus(trx, actionId, {
        deliveredOn: delivered ? input.deliveredOn : null,
        reason: delivered ? null : input.reason,
        by: actor.id,
        at: now,
      })
      // Delivered before the action was written down: the record of it is when it stops.
      const on = delivered ? dayInstant(input.deliveredOn) : now
      await recordCaseEvent(trx, {
        childId: plan.child_id,
        subjectType: CIN_ACTION_SUBJECT,
        subjectId: actionId,
        type: delivered ? 'cin_action.delivered' : 'cin_action.not_delivered',
        occurredAt: on < action.recorded_at ? action.recorded_at : on,
        summary: `Child in need plan action ${delivered ? 'delivered' : 'not delivered'}`,
        recordedBy: actor.id,
        attributes: { planId },
      })
      return { actionId, status: input.status }
    },
  )
}

/** Records a CIN visit; the next is due at the plan's frequency from it. */
export async function recordCinVisit(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  input: VisitInput,
  audit: AuditContext,
) {
  return withOpenCinPlan(
    deps,
    actor,
    planId,
    { version: input.version, audit, action: 'cin_plan.visit' },
    async (trx, plan, now) => {
      const visitId = await store.insertCinVisit(trx, planId, input, actor.id, now)
      const seen = input.seen
        ? input.seenAlone
          ? 'child seen alone'
          : 'child seen, not alone'
        : 'child not seen'
      await recordCaseEvent(trx, {
        childId: plan.child_id,
        subjectType: CIN_PLAN_SUBJECT,
        subjectId: planId,
        type: 'cin_visit.held',
        occurredAt: input.visitedAt,
        summary: `Child in need visit${input.announced ? '' : ' (unannounced)'}: ${seen}`,
        recordedBy: actor.id,
        // The plan's frequency sets when the next visit is due (the clock `cin-visit`).
        attributes: {
          visitId,
          seen: input.seen,
          seenAlone: input.seenAlone,
          announced: input.announced,
          frequency: plan.visit_frequency,
        },
      })
      return { visitId, seen: input.seen, seenAlone: input.seenAlone }
    },
  )
}

/** Records a review of the plan: the review clock moves on (the next in 6 months). */
export async function recordCinReview(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  input: ReviewInput,
  audit: AuditContext,
) {
  return withOpenCinPlan(
    deps,
    actor,
    planId,
    { version: input.version, audit, action: 'cin_plan.review' },
    async (trx, plan, now) => {
      const reviewId = await store.insertCinReview(trx, planId, input, actor.id, now)
      await recordCaseEvent(trx, {
        childId: plan.child_id,
        subjectType: CIN_PLAN_SUBJECT,
        subjectId: planId,
        type: 'cin_review.held',
        occurredAt: dayInstant(input.heldOn),
        summary: 'Child in need plan review held',
        recordedBy: actor.id,
        attributes: { reviewId },
      })
      return { reviewId, heldOn: input.heldOn }
    },
  )
}

/**
 * The worker proposes the plan's end (the date and the census's reason for closure) and sends it
 * to a manager through the platform's sign-off step; the plan stays open until it is authorised.
 */
export async function endCinPlan(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  input: CinEndInput,
  audit: AuditContext,
) {
  return withOpenCinPlan(
    deps,
    actor,
    planId,
    { version: input.version, audit, action: 'cin_plan.end' },
    async (trx, plan, now) => {
      const named = await store.loadCinPlan(trx, planId)
      const managerId = await proposeEndOf(trx, CIN_PLAN_SUBJECT, plan, actor, input, now, {
        save: (e) => store.setCinEndProposal(trx, planId, e),
        summary: `End of the child in need plan${named ? ` for ${named.given_name} ${named.family_name}` : ''} on ${longDate(input.endDate)}: ${reasonText(input.reason)}`,
      })
      return { endDate: input.endDate, reason: input.reason, managerId }
    },
  )
}

/**
 * A manager authorises the proposed end (the plan ends on the proposed date with its reason for
 * closure; its clocks stop and its open actions close) or returns it with the reason. The
 * platform's rule refuses the person who proposed it.
 */
export async function decideCinPlanEnd(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  decision: SignOffDecision,
  audit: AuditContext,
): Promise<{ outcome: 'authorised' | 'returned'; endDate: string | null }> {
  return withOpenCinPlan(
    deps,
    actor,
    planId,
    {
      version: null,
      audit,
      access: 'child.allocate',
      action: 'cin_plan.end_authorise',
      actionOf: (r) => (r.outcome === 'authorised' ? 'cin_plan.end_authorise' : 'cin_plan.end_return'),
    },
    async (trx, plan, now) => {
      const endDate = plan.end_proposed_on
      const reason = plan.end_proposed_reason
      if (endDate === null || reason === null)
        throw new ProtectionStateError('The end of this plan is not waiting for authorisation.', 'outcome')
      const decided = await decideEndOf(trx, actor, CIN_PLAN_SUBJECT, planId, decision, now)
      await store.setCinEndProposal(trx, planId, null)
      if (decided.outcome === 'returned')
        return { outcome: decided.outcome, endDate: null, signOffId: decided.signOffId }
      await store.endCinPlan(trx, planId, { endDate, reason, by: actor.id, at: now })
      const at = endInstant(endDate)
      for (const actionId of await store.openCinActionIds(trx, planId))
        await recordCaseEvent(trx, {
          childId: plan.child_id,
          subjectType: CIN_ACTION_SUBJECT,
          subjectId: actionId,
          type: 'cin_action.closed',
          occurredAt: at,
          summary: 'Child in need plan action closed: the plan ended',
          recordedBy: actor.id,
          attributes: { planId },
        })
      await recordCaseEvent(trx, {
        childId: plan.child_id,
        subjectType: CIN_PLAN_SUBJECT,
        subjectId: planId,
        type: 'cin_plan.ended',
        occurredAt: at,
        summary: `Child in need plan ended: ${reasonText(reason)}`,
        recordedBy: actor.id,
        attributes: { reason },
      })
      return { outcome: decided.outcome, endDate, signOffId: decided.signOffId }
    },
  )
}

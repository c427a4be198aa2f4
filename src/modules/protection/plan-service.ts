/**
 * Child protection plans: the use cases. Plans start, and review conferences are recorded, inside
 * the conference's own transaction (the conference code calls `startChildProtectionPlans` and
 * `recordReviewConference`); the plan's own pages add actions and record their delivery, core
 * groups, visits and the plan's end. Each write checks the plan's version (two people editing
 * one plan: the second is told, nothing is overwritten), writes its case events (the plan's
 * clocks run from them) and its audit row in one transaction, and reads the time from the
 * injected clock.
 */
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import type { SignOffDecision } from '../../platform/signoff/rule.js'
import {
  askSignOff,
  decideSignOff,
  signOffHistory,
  SignOffStateError,
  withdrawSignOff,
} from '../../platform/signoff/service.js'
import { recordCaseEvent, recordForEachChild } from '../../platform/tasks/case-events.js'
import type { CpCategory } from '../../platform/db/schema.js'
import { labelOf } from './model.js'
import {
  ACTION_SUBJECT,
  ALREADY_ON_PLAN,
  CATEGORIES,
  dayInstant,
  END_REASONS,
  endInstant,
  endRefusal,
  isCategory,
  isEndReason,
  PLAN_SUBJECT,
  startedBeforeBirth,
  startRefusal,
  type ActionInput,
  type CoreGroupInput,
  type EndInput,
  type ProgressInput,
  type VisitInput,
  CORE_GROUP_AGENCIES,
} from './plan-model.js'
import * as store from './plan-store.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'
import type { Trx } from './store.js'

/** Someone changed the plan since the form was shown: the change is refused, not applied over theirs. */
export class PlanConflictError extends ProtectionStateError {
  constructor() {
    super(
      'Someone else has changed this plan since you opened this page. Nothing you entered has been saved: go back to the plan, check what changed, then enter your change again.',
    )
    this.name = 'PlanConflictError'
  }
}

export interface NewPlan {
  childId: number
  conferenceId: number
  startDate: string
  category: CpCategory
  referralId?: number | null
}

const laterOf = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b)
const categoryText = (c: string | null) => (labelOf(CATEGORIES, c) ?? c ?? '').toLowerCase()

/**
 * Starts a child protection plan for each child the conference decided needs one, inside the
 * conference's transaction (the conference, its decisions and the plans commit together or not
 * at all). The caller has checked the actor may record the conference. Refused, with nothing
 * written, when a child is already on an open plan (or named twice), a start date is in the
 * future or a category is not one of the census's.
 */
export async function startChildProtectionPlans(
  trx: Trx,
  deps: ProtectionDeps,
  actor: Pick<Actor, 'id'>,
  audit: AuditContext,
  plans: readonly NewPlan[],
): Promise<number[]> {
  const now = deps.clock.now()
  const today = londonToday(now)
  const open = await store.openPlanChildren(
    trx,
    plans.map((p) => p.childId),
  )
  const seen = new Set<number>()
  for (const p of plans) {
    const refusal = startRefusal(p, open, seen, today)
    if (refusal) throw new ProtectionStateError(refusal)
    seen.add(p.childId)
  }
  const ids: number[] = []
  for (const p of plans) {
    // Another transaction may have started a plan for the child since the check above: the same refusal.
    const id = await store.insertPlan(trx, {
      childId: p.childId,
      conferenceId: p.conferenceId,
      referralId: p.referralId ?? null,
      startDate: p.startDate,
      category: p.category,
      by: actor.id,
      at: now,
    })
    if (id === null) throw new ProtectionStateError(ALREADY_ON_PLAN)
    ids.push(id)
  }
  await recordForEachChild(
    trx,
    audit,
    plans.map((p) => p.childId),
    (_, i) => {
      const p = plans[i] as NewPlan
      const id = ids[i] as number
      return {
        event: {
          subjectType: PLAN_SUBJECT,
          subjectId: id,
          type: 'cp_plan.started',
          occurredAt: dayInstant(p.startDate),
          summary: `Child protection plan started: ${categoryText(p.category)}`,
          recordedBy: actor.id,
          attributes: { category: p.category, conferenceId: p.conferenceId },
        },
        audit: {
          action: 'cp_plan.start',
          recordType: 'cp_plan',
          recordId: id,
          detail: { conferenceId: p.conferenceId, category: p.category, startDate: p.startDate },
        },
      }
    },
  )
  return ids
}

export type ReviewOutcome =
  { continue: true; latestCategory: CpCategory } | { continue: false; endReason: string }

/**
 * Records a review conference of a plan, inside the conference's transaction: the plan continues
 * (with its latest category) or ends on the conference's date with the reason given. Stops the
 * review clock running and starts the next (6 months); an end stops every clock of the plan.
 */
export async function recordReviewConference(
  trx: Trx,
  deps: ProtectionDeps,
  actor: Pick<Actor, 'id'>,
  audit: AuditContext,
  r: { planId: number; conferenceId: number | null; heldOn: string; outcome: ReviewOutcome },
): Promise<{ reviewId: number }> {
  const now = deps.clock.now()
  const plan = await store.lockPlan(trx, r.planId)
  if (!plan) throw new NotFoundError(`No child protection plan ${r.planId}`)
  if (plan.end_date !== null) throw new ProtectionStateError('This child protection plan has ended.')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.heldOn))
    throw new ProtectionStateError('The review date must be a real date')
  if (r.heldOn < plan.start_date)
    throw new ProtectionStateError('The review conference must be on or after the date the plan started')
  if (r.heldOn > londonToday(now))
    throw new ProtectionStateError('The review conference must be today or in the past')
  const latest = r.outcome.continue ? r.outcome.latestCategory : null
  if (r.outcome.continue && !isCategory(latest))
    throw new ProtectionStateError('Select the latest category of abuse')
  if (!r.outcome.continue && !isEndReason(r.outcome.endReason))
    throw new ProtectionStateError('Select why the plan is ending')
  const reviewId = await store.insertReview(trx, {
    planId: plan.id,
    conferenceId: r.conferenceId,
    heldOn: r.heldOn,
    latestCategory: latest,
    by: actor.id,
    at: now,
  })
  if (latest !== null) await store.setLatestCategory(trx, plan.id, latest)
  await recordCaseEvent(trx, {
    childId: plan.child_id,
    subjectType: PLAN_SUBJECT,
    subjectId: plan.id,
    type: 'cp_review.held',
    occurredAt: dayInstant(r.heldOn),
    summary:
      latest !== null
        ? `Child protection review conference: the plan continues (${categoryText(latest)})`
        : 'Child protection review conference: the plan ends',
    recordedBy: actor.id,
    attributes: { conferenceId: r.conferenceId, continues: latest !== null, latestCategory: latest },
  })
  if (!r.outcome.continue) await writeEnd(trx, audit, actor.id, plan, r.heldOn, r.outcome.endReason, now)
  await store.bumpVersion(trx, plan.id)
  await recordAudit(trx, audit, {
    action: 'cp_review.record',
    outcome: 'allowed',
    childId: plan.child_id,
    recordType: 'cp_plan',
    recordId: plan.id,
    detail: { reviewId, conferenceId: r.conferenceId, continues: latest !== null },
  })
  return { reviewId }
}

/**
 * Ends the plan, in the caller's transaction and with no sign-off of its own: for a decision that
 * is already a manager's or a conference's (a review conference, the manager's authorisation of a
 * worker's proposed end, a transfer out). Writes the end, the event that stops every plan clock,
 * and closes the open actions' alerts. The caller has locked the plan and checked the actor.
 */
export async function writeEnd(
  trx: Trx,
  audit: AuditContext,
  by: number,
  plan: { id: number; child_id: number; start_date: string },
  endDate: string,
  reason: string,
  now: Date,
): Promise<void> {
  const refusal = endRefusal(plan.start_date, endDate, londonToday(now))
  if (refusal) throw new ProtectionStateError(refusal, 'end-day')
  const why = (labelOf(END_REASONS, reason) ?? reason).toLowerCase()
  // A worker's end goes through the manager's sign-off first (`endPlan`, `decidePlanEnd`); a
  // proposal still waiting when the plan ends otherwise (a review conference, a move away) has
  // nothing left to end: its sign-off is withdrawn here, in the same transaction, and leaves the
  // manager's list. (An end the manager has just authorised has no ask waiting: nothing happens.)
  await withdrawSignOff(trx, audit, {
    subjectType: PLAN_SUBJECT,
    subjectId: plan.id,
    by,
    at: now,
    reason: `The plan ended on ${longDate(endDate)} (${why}) before the proposed end was authorised.`,
  })
  await store.endPlan(trx, plan.id, { endDate, reason, by, at: now })
  await store.clearEndProposal(trx, plan.id)
  const at = endInstant(endDate)
  for (const actionId of await store.openActionIds(trx, plan.id))
    await recordCaseEvent(trx, {
      childId: plan.child_id,
      subjectType: ACTION_SUBJECT,
      subjectId: actionId,
      type: 'cp_action.closed',
      occurredAt: at,
      summary: 'Child protection plan action closed: the plan ended',
      recordedBy: by,
      attributes: { planId: plan.id },
    })
  await recordCaseEvent(trx, {
    childId: plan.child_id,
    subjectType: PLAN_SUBJECT,
    subjectId: plan.id,
    type: 'cp_plan.ended',
    occurredAt: at,
    summary: `Child protection plan ended: ${why}`,
    recordedBy: by,
    attributes: { reason },
  })
}

// ---------------------------------------------------------------------------------------------
// The plan's pages

/** Everything the plan page shows. The route's subject has checked and audited the view. */
export async function viewPlan({ db }: ProtectionDeps, planId: number) {
  const plan = await store.loadPlan(db, planId)
  if (!plan) throw new NotFoundError(`No child protection plan ${planId}`)
  const [outcomes, actions, reviews, coreGroups, visits] = await Promise.all([
    store.outcomesOf(db, planId),
    store.actionsOf(db, planId),
    store.reviewsOf(db, planId),
    store.coreGroupsOf(db, planId),
    store.visitsOf(db, planId),
  ])
  const [tasks, signOffs] = await Promise.all([
    store.openTasksOf(
      db,
      planId,
      actions.map((a) => a.id),
    ),
    signOffHistory(db, PLAN_SUBJECT, planId),
  ])
  return {
    plan,
    outcomes,
    actions,
    reviews,
    coreGroups,
    visits,
    tasks,
    signOffs,
    awaiting: signOffs.find((s) => s.status === 'awaiting') ?? null,
    lastReturned: signOffs.findLast((s) => s.status === 'returned') ?? null,
    withdrawn: signOffs.findLast((s) => s.status === 'withdrawn') ?? null,
  }
}
export type PlanView = Awaited<ReturnType<typeof viewPlan>>

/** What the child's record shows of this module: each plan, the open one first. */
export async function planPanel({ db }: ProtectionDeps, childId: number) {
  const plans = (await store.plansOnRecord(db, childId)).map((p) => ({
    id: p.id,
    start_date: p.start_date,
    end_date: p.end_date,
    end_reason: p.end_reason,
    conferenceHeldOn: p.conference_held_on,
    // A plan made for an unborn child carries on at the birth, on the same record.
    beforeBirth: startedBeforeBirth(p.start_date, p),
    conferenceBeforeBirth: p.conference_held_on !== null && startedBeforeBirth(p.conference_held_on, p),
    reviewDueAt: p.review_due_at,
  }))
  return plans.sort((a, b) => Number(a.end_date !== null) - Number(b.end_date !== null))
}

/** The plan and child an action belongs to (for the worklist's link to it). */
export async function planOfAction({ db }: ProtectionDeps, actionId: number) {
  return store.actionPlan(db, actionId)
}

type LockedPlan = NonNullable<Awaited<ReturnType<typeof store.lockPlan>>>

/** A kind of plan the pages change through `withOpen`: a CP plan, or a CIN plan (cin-plan-service.ts). */
export interface OpenPlanKind<P extends { child_id: number; version: number; end_date: string | null }> {
  recordType: string
  /** What the plan is called in a refusal: "child protection plan". */
  noun: string
  lock(trx: Trx, id: number): Promise<P | undefined>
  bump(trx: Trx, id: number): Promise<void>
}

export interface OpenOptions<T> {
  version: number | null
  audit: AuditContext
  /** The audit action; a refusal is audited under it. */
  action: string
  /** The action as done, when it depends on the result (authorised or returned). */
  actionOf?: (result: T) => string
  access?: 'child.edit' | 'child.allocate'
}

const CP_PLAN: OpenPlanKind<LockedPlan> = {
  recordType: 'cp_plan',
  noun: 'child protection plan',
  lock: store.lockPlan,
  bump: store.bumpVersion,
}

/**
 * The one way a page changes an open plan: locked, the actor's right on the child's record
 * checked again (`child.edit`, or `child.allocate` for a manager's authorisation), the version the
 * form was shown with compared (a form with none, a manager's decision, is not), the plan checked
 * open, the change written, the version moved on and the change audited, in one transaction. A
 * refusal is audited on its own (the change rolled back).
 */
export async function withOpen<P extends { child_id: number; version: number; end_date: string | null }, T>(
  kind: OpenPlanKind<P>,
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  o: OpenOptions<T>,
  work: (trx: Trx, plan: P, now: Date) => Promise<T>,
  detail: (result: T) => Record<string, unknown>,
): Promise<T> {
  const { db, clock } = deps
  let childId: number | null = null
  try {
    return await db.transaction().execute(async (trx) => {
      const now = clock.now()
      const plan = await kind.lock(trx, planId)
      if (!plan) throw new NotFoundError(`No ${kind.noun} ${planId}`)
      childId = plan.child_id
      const decision = allow(actor, o.access ?? 'child.edit', await loadChildRecord(trx, plan.child_id), now)
      if (!decision.allowed) throw new NotAllowedError(decision.reason)
      if (o.version !== null && plan.version !== o.version) throw new PlanConflictError()
      if (plan.end_date !== null) throw new ProtectionStateError(`This ${kind.noun} has ended.`)
      const result = await work(trx, plan, now)
      await kind.bump(trx, planId)
      await recordAudit(trx, o.audit, {
        action: o.actionOf ? o.actionOf(result) : o.action,
        outcome: 'allowed',
        childId: plan.child_id,
        recordType: kind.recordType,
        recordId: planId,
        basis: decision.basis,
        detail: detail(result),
      })
      return result
    })
  } catch (err) {
    if (err instanceof NotAllowedError)
      await recordAuditAlone(db, o.audit, {
        action: o.action,
        outcome: 'denied',
        childId,
        recordType: kind.recordType,
        recordId: planId,
        detail: { reason: err.reason },
      })
    throw err
  }
}

const withOpenPlan = <T>(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  o: OpenOptions<T>,
  work: (trx: Trx, plan: LockedPlan, now: Date) => Promise<T>,
  detail: (result: T) => Record<string, unknown>,
) => withOpen(CP_PLAN, deps, actor, planId, o, work, detail)

/** Adds an action to the plan (under an outcome it has, or a new one): its due date goes on the worklists. */
export async function addAction(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  input: ActionInput,
  audit: AuditContext,
) {
  return withOpenPlan(
    deps,
    actor,
    planId,
    { version: input.version, audit, action: 'cp_plan.action_add' },
    async (trx, plan, now) => {
      const saved = await store.insertAction(trx, planId, input, actor.id, now)
      await recordCaseEvent(trx, {
        childId: plan.child_id,
        subjectType: ACTION_SUBJECT,
        subjectId: saved.actionId,
        type: 'cp_action.planned',
        occurredAt: now,
        summary: 'Child protection plan action agreed',
        recordedBy: actor.id,
        attributes: { planId, dueOn: input.dueOn },
      })
      return saved
    },
    (saved) => ({ ...saved, dueOn: input.dueOn }),
  )
}

/** Records an action as delivered (on a date) or not delivered (why): its alert stops. */
export async function recordActionProgress(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  actionId: number,
  input: ProgressInput,
  audit: AuditContext,
) {
  return withOpenPlan(
    deps,
    actor,
    planId,
    { version: input.version, audit, action: 'cp_plan.action_progress' },
    async (trx, plan, now) => {
      const action = await store.actionOnPlan(trx, planId, actionId)
      if (!action) throw new NotFoundError(`No action ${actionId} on plan ${planId}`)
      if (action.status !== 'planned')
        throw new ProtectionStateError('This action has already been recorded as delivered or not delivered.')
      const delivered = input.status === 'delivered'
      await store.setActionStatus(trx, actionId, {
        deliveredOn: delivered ? input.deliveredOn : null,
        reason: delivered ? null : input.reason,
        by: actor.id,
        at: now,
      })
      await recordCaseEvent(trx, {
        childId: plan.child_id,
        subjectType: ACTION_SUBJECT,
        subjectId: actionId,
        type: delivered ? 'cp_action.delivered' : 'cp_action.not_delivered',
        // Delivered before the action was written down: the record of it is when it stops.
        occurredAt: delivered ? laterOf(dayInstant(input.deliveredOn), action.recorded_at) : now,
        summary: delivered
          ? 'Child protection plan action delivered'
          : 'Child protection plan action not delivered',
        recordedBy: actor.id,
        attributes: { planId },
      })
      return { actionId, status: input.status }
    },
    (r) => r,
  )
}

/** Records a core group meeting: who came by agency, progress on the actions; the next is due in 4 weeks. */
export async function recordCoreGroup(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  input: CoreGroupInput,
  audit: AuditContext,
) {
  return withOpenPlan(
    deps,
    actor,
    planId,
    { version: input.version, audit, action: 'cp_plan.core_group' },
    async (trx, plan, now) => {
      const agencies = CORE_GROUP_AGENCIES.map((a) => a.code)
      const id = await store.insertCoreGroup(trx, planId, input, agencies, actor.id, now)
      await recordCaseEvent(trx, {
        childId: plan.child_id,
        subjectType: PLAN_SUBJECT,
        subjectId: planId,
        type: 'core_group.held',
        occurredAt: dayInstant(input.heldOn),
        summary: `Core group meeting held (${input.attended.length} ${input.attended.length === 1 ? 'agency' : 'agencies'})`,
        recordedBy: actor.id,
        attributes: { coreGroupId: id, attended: input.attended },
      })
      return { coreGroupId: id }
    },
    (r) => ({ ...r, attended: input.attended, actionsReviewed: input.progress.length }),
  )
}

/** Records a statutory visit: when, who was there, whether the child was seen and seen alone. */
export async function recordVisit(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  input: VisitInput,
  audit: AuditContext,
) {
  return withOpenPlan(
    deps,
    actor,
    planId,
    { version: input.version, audit, action: 'cp_plan.visit' },
    async (trx, plan, now) => {
      const id = await store.insertVisit(trx, planId, input, actor.id, now)
      const seen = input.seen
        ? input.seenAlone
          ? 'child seen alone'
          : 'child seen, not alone'
        : 'child not seen'
      await recordCaseEvent(trx, {
        childId: plan.child_id,
        subjectType: PLAN_SUBJECT,
        subjectId: planId,
        type: 'cp_visit.held',
        occurredAt: input.visitedAt,
        summary: `Child protection visit${input.announced ? '' : ' (unannounced)'}: ${seen}`,
        recordedBy: actor.id,
        attributes: { visitId: id, seen: input.seen, seenAlone: input.seenAlone, announced: input.announced },
      })
      return { visitId: id }
    },
    (r) => ({ ...r, seen: input.seen, seenAlone: input.seenAlone }),
  )
}

/**
 * The worker's proposed end of a plan (a CP or a CIN plan), saved by `o.save` and sent to a
 * manager through the platform's sign-off step; refused when one is already waiting or the date
 * is before the start or in the future. Gives the manager asked.
 */
export async function proposeEndOf<R extends string>(
  trx: Trx,
  subjectType: string,
  plan: { id: number; child_id: number; start_date: string; end_proposed_on: string | null },
  actor: Pick<Actor, 'id'>,
  input: { endDate: string; reason: R },
  now: Date,
  o: {
    save: (e: { endDate: string; reason: R; by: number; at: Date }) => Promise<void>
    summary: string
  },
): Promise<number | null> {
  if (plan.end_proposed_on !== null)
    throw new ProtectionStateError('The end of this plan is already waiting for a manager to authorise it.')
  const refusal = endRefusal(plan.start_date, input.endDate, londonToday(now))
  if (refusal) throw new ProtectionStateError(refusal, 'end-day')
  await o.save({ endDate: input.endDate, reason: input.reason, by: actor.id, at: now })
  const { managerId } = await askSignOff(trx, {
    subjectType,
    subjectId: plan.id,
    childId: plan.child_id,
    askedBy: actor.id,
    at: now,
    summary: o.summary,
  })
  return managerId
}

/** A manager's decision on a plan's proposed end, under the platform's one rule (never the sender). */
export async function decideEndOf(
  trx: Trx,
  actor: Actor,
  subjectType: string,
  planId: number,
  decision: SignOffDecision,
  now: Date,
) {
  try {
    return await decideSignOff(trx, actor, {
      subjectType,
      subjectId: planId,
      at: now,
      decision,
      what: 'the end of this plan',
    })
  } catch (err) {
    if (err instanceof SignOffStateError) throw new ProtectionStateError(err.message, 'outcome')
    throw err
  }
}

/**
 * The worker proposes the plan's end (the date and the reason) and sends it to a manager through
 * the platform's sign-off step; the plan stays open until a manager authorises it
 * (`decidePlanEnd`). A conference's decision or a transfer out ends a plan with `writeEnd`.
 */
export async function endPlan(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  input: EndInput,
  audit: AuditContext,
) {
  return withOpenPlan(
    deps,
    actor,
    planId,
    { version: input.version, audit, action: 'cp_plan.end' },
    async (trx, plan, now) => {
      const child = await store.loadPlan(trx, planId)
      const why = (labelOf(END_REASONS, input.reason) ?? input.reason).toLowerCase()
      const managerId = await proposeEndOf(trx, PLAN_SUBJECT, plan, actor, input, now, {
        save: (e) => store.proposeEnd(trx, planId, e),
        summary: `End of the child protection plan${child ? ` for ${child.given_name} ${child.family_name}` : ''} on ${longDate(input.endDate)}: ${why}`,
      })
      return { endDate: input.endDate, reason: input.reason, managerId }
    },
    (r) => r,
  )
}

/**
 * A manager authorises the proposed end (the plan ends on the proposed date, every clock of it
 * stops) or returns it with the reason (the plan carries on; the worker may propose again). The
 * platform's rule refuses the person who proposed it.
 */
export async function decidePlanEnd(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  decision: SignOffDecision,
  audit: AuditContext,
): Promise<{ outcome: 'authorised' | 'returned'; endDate: string | null }> {
  return withOpenPlan(
    deps,
    actor,
    planId,
    {
      version: null,
      audit,
      access: 'child.allocate',
      action: 'cp_plan.end_authorise',
      actionOf: (r) => (r.outcome === 'authorised' ? 'cp_plan.end_authorise' : 'cp_plan.end_return'),
    },
    async (trx, plan, now) => {
      if (plan.end_proposed_on === null || plan.end_proposed_reason === null)
        throw new ProtectionStateError('The end of this plan is not waiting for authorisation.', 'outcome')
      const decided = await decideEndOf(trx, actor, PLAN_SUBJECT, planId, decision, now)
      if (decided.outcome === 'returned') {
        await store.clearEndProposal(trx, planId)
        return { outcome: decided.outcome, endDate: null, signOffId: decided.signOffId }
      }
      await writeEnd(trx, audit, actor.id, plan, plan.end_proposed_on, plan.end_proposed_reason, now)
      return { outcome: decided.outcome, endDate: plan.end_proposed_on, signOffId: decided.signOffId }
    },
    (r) => r,
  )
}

/**
 * Ends a plan inside another record's transaction: a transfer-out, when the receiving authority's
 * transfer-in conference is held. The caller has checked the actor may change the child's record.
 * Refused, with nothing written, when the plan has ended or changed since `version` was read; the
 * end itself goes through `writeEnd`, as every end does.
 */
export async function endPlanWithin(
  trx: Trx,
  deps: ProtectionDeps,
  actor: Pick<Actor, 'id'>,
  audit: AuditContext,
  e: { planId: number; version: number; endDate: string; reason: EndInput['reason'] },
): Promise<void> {
  const now = deps.clock.now()
  const plan = await store.lockPlan(trx, e.planId)
  if (!plan) throw new NotFoundError(`No child protection plan ${e.planId}`)
  if (plan.end_date !== null) throw new ProtectionStateError('This child protection plan has ended.')
  if (plan.version !== e.version) throw new PlanConflictError()
  await writeEnd(trx, audit, actor.id, plan, e.endDate, e.reason, now)
  await store.bumpVersion(trx, plan.id)
  await recordAudit(trx, audit, {
    action: 'cp_plan.end_transferred',
    outcome: 'allowed',
    childId: plan.child_id,
    recordType: 'cp_plan',
    recordId: plan.id,
    detail: { endDate: e.endDate, reason: e.reason },
  })
}

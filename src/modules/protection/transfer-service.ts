/**
 * Child protection transfers' use cases. Transfer-in: the notification (one for brothers and
 * sisters moving together) starts the 15-working-day clock; the transfer-in conference is
 * arranged through the conference code, and when it is held (conference-service calls
 * `transferInConferenceHeld` in its transaction) the clock stops and each plan decided on starts
 * through the plan service. Transfer-out: the move is recorded on our plan; when the receiving
 * authority's conference is recorded as held, the plan ends on that date through the plan
 * service. One transaction per write, with its case events and audit rows; time from the clock.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonToday, longDate, type IsoDate } from '../../platform/calendar/dates.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import type { CpCategory } from '../../platform/db/schema.js'
import { recordCaseEvent, recordForEachChild } from '../../platform/tasks/case-events.js'
import type { ArrangeInput } from './conference-model.js'
import { addChildToConference, arrangeIn } from './conference-service.js'
import * as conferences from './conference-store.js'
import { labelOf } from './model.js'
import { CATEGORIES, dayInstant } from './plan-model.js'
import { endPlanWithin, PlanConflictError } from './plan-service.js'
import * as plans from './plan-store.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'
import type { Db, Trx } from './store.js'
import {
  siblingJoin,
  transferConferenceDateProblem,
  transferInDueDate,
  TRANSFER_IN_CLOCK,
  TRANSFER_IN_SUBJECT,
  TRANSFER_OUT_SUBJECT,
  type NotificationInput,
  type TransferOutHeldInput,
  type TransferOutInput,
} from './transfer-model.js'
import * as store from './transfer-store.js'

const nameOf = (c: { given_name: string; family_name: string }) => `${c.given_name} ${c.family_name}`

async function mayEdit(db: Db, actor: Actor, childId: number, now: Date) {
  return allow(actor, 'child.edit', await loadChildRecord(db, childId), now)
}

async function requireEdit(db: Db, actor: Actor, childId: number, now: Date) {
  const decision = await mayEdit(db, actor, childId, now)
  if (!decision.allowed)
    throw new NotAllowedError('You cannot record a transfer for a child whose record you cannot change.')
  return decision
}

// ---------------------------------------------------------------------------------------------
// Transfer-in

/**
 * What the notification form offers for a child: the child, and the brothers and sisters the
 * actor may change who are on no plan here and on no notification awaiting its conference.
 */
export async function notificationOptions({ db, clock }: ProtectionDeps, actor: Actor, childId: number) {
  const [child] = await store.childrenNamed(db, [childId])
  if (!child) throw new NotFoundError(`No child ${childId}`)
  const siblingIds = await conferences.siblingIdsOf(db, childId)
  const now = clock.now()
  const busy = await db.transaction().execute(async (trx) => {
    const onPlan = await plans.openPlanChildren(trx, [childId, ...siblingIds])
    const awaiting = await store.awaitingTransferIn(trx, [childId, ...siblingIds])
    return new Set([...onPlan, ...awaiting])
  })
  const siblings = []
  for (const s of await store.childrenNamed(db, siblingIds))
    if (!busy.has(s.id) && (await mayEdit(db, actor, s.id, now)).allowed) siblings.push(s)
  return { child, siblings, childBusy: busy.has(childId) }
}

/**
 * Records the notification of a transfer-in for the children it names, starting the clock for
 * each. Refused, with nothing written: a child already on a plan here, or named on a notification
 * still awaiting its conference, or whose record the actor cannot change.
 */
export async function recordTransferIn(
  deps: ProtectionDeps,
  actor: Actor,
  input: NotificationInput,
  audit: AuditContext,
) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now()
    const ids = input.children.map((c) => c.childId)
    const named = await store.childrenNamed(trx, ids)
    const onPlan = await plans.openPlanChildren(trx, ids)
    const awaiting = await store.awaitingTransferIn(trx, ids)
    const decisions: Awaited<ReturnType<typeof requireEdit>>[] = []
    for (const c of input.children) {
      const child = named.find((n) => n.id === c.childId)
      if (!child) throw new NotFoundError(`No child ${c.childId}`)
      decisions.push(await requireEdit(trx, actor, c.childId, now))
      if (onPlan.has(c.childId))
        throw new ProtectionStateError(
          `${nameOf(child)} is already on a child protection plan here: a transfer-in conference is not needed.`,
          'la',
        )
      if (awaiting.has(c.childId))
        throw new ProtectionStateError(
          `${nameOf(child)} is already on a transfer-in notification awaiting its conference.`,
          'la',
        )
    }
    const id = await store.insertTransferIn(trx, input, actor.id, now)
    await recordForEachChild(
      trx,
      audit,
      input.children.map((c) => c.childId),
      (_, i) => {
        const c = input.children[i] as NotificationInput['children'][number]
        return {
          event: {
            subjectType: TRANSFER_IN_SUBJECT,
            subjectId: id,
            type: 'cp_transfer_in.notified',
            occurredAt: dayInstant(input.notifiedOn),
            summary: `Transfer-in notified by ${input.laName}: on a child protection plan there since ${longDate(c.theirPlanStart)} (${(labelOf(CATEGORIES, c.theirCategory) ?? c.theirCategory).toLowerCase()})${ids.length > 1 ? ` (${ids.length} children)` : ''}`,
            recordedBy: actor.id,
            attributes: { laCode: input.laCode, theirPlanStart: c.theirPlanStart, children: ids },
          },
          audit: {
            action: 'cp_transfer_in.record',
            recordType: TRANSFER_IN_SUBJECT,
            recordId: id,
            basis: decisions[i]?.basis ?? null,
            detail: { laCode: input.laCode, notifiedOn: input.notifiedOn },
          },
        }
      },
    )
    return id
  })
}

/** What the front door knows of a child on another authority's plan, handed over at its transfer-in. */
export interface FrontDoorTransferIn {
  childId: number
  laCode: string
  laName: string
  notifiedOn: IsoDate
  workerName: string
  workerContact: string
  theirPlanStart: IsoDate
  theirCategory: CpCategory
  /** Whose worklist the conference goes on: the manager of the team holding the child. */
  convener: { userId: number | null; teamId: number | null }
  /** The notifications of the child's brothers and sisters on the same contact, for the child to join. */
  siblingNotifications: readonly number[]
}

/**
 * How the front door's child was handed over: `own` already named on a notification awaiting its
 * conference; `siblings` joined a brother's or sister's (and its conference, when arranged);
 * `new` a notification of the child's own (`siblingsHeld`: theirs has had its conference).
 */
export type FrontDoorHandover =
  | { id: number; joined: 'own' }
  | { id: number; joined: 'siblings'; conferenceId: number | null }
  | { id: number; joined: 'new'; siblingsHeld: boolean }

/**
 * The front door's transfer-in of a child on a plan elsewhere, inside the front door's transaction
 * (its record and this notification commit together or not at all): the notification here is the
 * one record that carries the 15-working-day clock and the conference. A child already named on a
 * notification awaiting its conference is joined to it (no second clock). A child whose brother
 * or sister on the same contact has a notification from the same authority, notified the same
 * day, still to have its conference, joins it (and its conference, if arranged): one clock due
 * when theirs is, one conference. Refused: a child already on a plan here; a brothers' and
 * sisters' conference arranged for a time now passed but not recorded as held or cancelled. The
 * caller has checked the actor may record it for this child.
 */
export async function transferInFromFrontDoor(
  trx: Trx,
  actor: Pick<Actor, 'id'>,
  audit: AuditContext,
  at: Date,
  t: FrontDoorTransferIn,
): Promise<FrontDoorHandover> {
  const [child] = await store.childrenNamed(trx, [t.childId])
  if (!child) throw new NotFoundError(`No child ${t.childId}`)
  if ((await plans.openPlanChildren(trx, [t.childId])).has(t.childId))
    throw new ProtectionStateError(
      `${nameOf(child)} is already on a child protection plan here: a transfer-in conference is not needed.`,
    )
  const awaiting = await store.awaitingTransferInOf(trx, t.childId)
  if (awaiting !== undefined) {
    await recordAudit(trx, audit, {
      action: 'cp_transfer_in.join',
      outcome: 'allowed',
      childId: t.childId,
      recordType: TRANSFER_IN_SUBJECT,
      recordId: awaiting,
      detail: { from: 'frontdoor' },
    })
    return { id: awaiting, joined: 'own' }
  }
  const plan = { theirPlanStart: t.theirPlanStart, theirCategory: t.theirCategory }
  const category = (labelOf(CATEGORIES, t.theirCategory) ?? t.theirCategory).toLowerCase()
  const siblings = await store.lockSiblingNotifications(trx, t.siblingNotifications)
  const rule = siblingJoin(siblings, t, at)
  if (rule.kind === 'refuse') throw new ProtectionStateError(rule.message)
  let id: number
  if (rule.kind === 'join') {
    id = rule.id
    await store.insertTransferInChild(trx, id, { childId: t.childId, ...plan })
    const children = await store.transferInChildIds(trx, id)
    await recordForEachChild(trx, audit, [t.childId], () => ({
      event: {
        subjectType: TRANSFER_IN_SUBJECT,
        subjectId: id,
        type: 'cp_transfer_in.notified',
        occurredAt: dayInstant(t.notifiedOn),
        summary: `Transfer-in notified by ${t.laName} (through the front door, with brothers and sisters: ${children.length} children): on a child protection plan there since ${longDate(t.theirPlanStart)} (${category})`,
        recordedBy: actor.id,
        attributes: { laCode: t.laCode, theirPlanStart: t.theirPlanStart, children },
      },
      audit: {
        action: 'cp_transfer_in.join',
        recordType: TRANSFER_IN_SUBJECT,
        recordId: id,
        detail: { from: 'frontdoor', siblings: true, conferenceId: rule.conferenceId },
      },
    }))
  } else {
    id = await store.insertTransferIn(
      trx,
      {
        laCode: t.laCode,
        laName: t.laName,
        notifiedOn: t.notifiedOn,
        workerName: t.workerName,
        workerContact: t.workerContact,
        children: [{ childId: t.childId, ...plan }],
      },
      actor.id,
      at,
    )
    await recordCaseEvent(trx, {
      childId: t.childId,
      subjectType: TRANSFER_IN_SUBJECT,
      subjectId: id,
      type: 'cp_transfer_in.notified',
      occurredAt: dayInstant(t.notifiedOn),
      summary: `Transfer-in notified by ${t.laName} (through the front door): on a child protection plan there since ${longDate(t.theirPlanStart)} (${category})`,
      recordedBy: actor.id,
      attributes: { laCode: t.laCode, theirPlanStart: t.theirPlanStart, children: [t.childId] },
    })
  }
  // The clock's task for this child (due as its brothers' and sisters', from the same notification
  // day), on the convening manager's list.
  const tasks = await store.assignTransferInTasks(trx, id, t.childId, t.convener, at)
  for (const task of tasks)
    await recordAudit(trx, audit, {
      action: 'task.create',
      outcome: 'allowed',
      childId: t.childId,
      recordType: 'task',
      recordId: task.id,
      detail: { clockCode: TRANSFER_IN_CLOCK, dueAt: task.due_at.toISOString(), userId: t.convener.userId },
    })
  if (rule.kind === 'join') {
    if (rule.conferenceId !== null)
      await addChildToConference(trx, actor, audit, at, rule.conferenceId, t.childId)
    return { id, joined: 'siblings', conferenceId: rule.conferenceId }
  }
  await recordAudit(trx, audit, {
    action: 'cp_transfer_in.record',
    outcome: 'allowed',
    childId: t.childId,
    recordType: TRANSFER_IN_SUBJECT,
    recordId: id,
    detail: { laCode: t.laCode, notifiedOn: t.notifiedOn, from: 'frontdoor' },
  })
  return { id, joined: 'new', siblingsHeld: rule.siblingsHeld }
}

/**
 * Where a notification's transfer-in conference stands for the front door's page: the children it
 * names, the due date, the conference arranged (and for when), held or cancelled, and the clock's
 * tasks.
 */
export async function transferInStanding({ db }: ProtectionDeps, id: number) {
  const transfer = await store.loadTransferIn(db, id)
  if (!transfer) throw new NotFoundError(`No transfer-in ${id}`)
  const [calendar, tasks, children] = await Promise.all([
    loadWorkingCalendar(db),
    store.transferInTasks(db, id),
    store.transferInChildren(db, id),
  ])
  const conference =
    transfer.conference_id === null
      ? null
      : ((await conferences.loadConference(db, transfer.conference_id)) ?? null)
  return {
    id,
    fromLaName: transfer.from_la_name,
    notifiedOn: transfer.notified_on,
    dueOn: transferInDueDate(calendar, transfer.notified_on),
    conference: conference && {
      scheduledAt: conference.scheduled_at,
      heldAt: conference.held_at,
      cancelledAt: conference.cancelled_at,
    },
    tasks,
    /** The brothers and sisters on the notification, and so at its one conference, eldest first. */
    children: children.map((c) => ({ childId: c.child_id, name: nameOf(c) })),
  }
}

/** A notification, its children (with their plans there and here), the due date and the conference. */
export async function viewTransferIn({ db }: ProtectionDeps, id: number) {
  const transfer = await store.loadTransferIn(db, id)
  if (!transfer) throw new NotFoundError(`No transfer-in ${id}`)
  const [children, calendar] = await Promise.all([store.transferInChildren(db, id), loadWorkingCalendar(db)])
  const conference =
    transfer.conference_id === null
      ? null
      : ((await conferences.loadConference(db, transfer.conference_id)) ?? null)
  const decisions = conference === null ? [] : await conferences.conferenceChildren(db, conference.id)
  return {
    transfer,
    children: children.map((c) => ({
      ...c,
      decision: decisions.find((d) => d.child_id === c.child_id)?.decision ?? null,
    })),
    dueOn: transferInDueDate(calendar, transfer.notified_on),
    conference,
  }
}

/**
 * Arranges the transfer-in conference for every child the notification names. Refused: one
 * already arranged, a date before the notification.
 */
export async function arrangeTransferIn(
  deps: ProtectionDeps,
  actor: Actor,
  id: number,
  input: ArrangeInput,
  audit: AuditContext,
) {
  return deps.db.transaction().execute(async (trx) => {
    const transfer = await store.lockTransferIn(trx, id)
    if (!transfer) throw new NotFoundError(`No transfer-in ${id}`)
    // One conference at a time: a cancelled one may be replaced by a new one.
    const arranged =
      transfer.conference_id === null ? null : await conferences.lockConference(trx, transfer.conference_id)
    if (arranged && arranged.cancelled_at === null)
      throw new ProtectionStateError(
        'A transfer-in conference has already been arranged for this notification.',
      )
    const problem = transferConferenceDateProblem(input.scheduledOn, transfer.notified_on)
    if (problem) throw new ProtectionStateError(problem, 'scheduled-day')
    const childIds = await store.transferInChildIds(trx, id)
    const now = deps.clock.now()
    for (const childId of childIds) await requireEdit(trx, actor, childId, now)
    const conferenceId = await arrangeIn(
      trx,
      deps,
      actor,
      audit,
      'transfer_in',
      input,
      childIds.map((childId) => ({ childId, s47Id: null })),
    )
    await store.setTransferInConference(trx, id, conferenceId)
    return conferenceId
  })
}

/**
 * A transfer-in conference held, inside the conference's transaction (conference-service calls
 * this after applying its decisions): refused when held before the notification; otherwise each
 * child's clock stops. A transfer-in conference with no notification here has no clock to stop.
 */
export async function transferInConferenceHeld(
  trx: Trx,
  actor: Pick<Actor, 'id'>,
  audit: AuditContext,
  conference: { id: number; heldOn: string; heldAt: Date },
) {
  const transfer = await store.transferInOfConference(trx, conference.id)
  if (!transfer) return
  const problem = transferConferenceDateProblem(conference.heldOn, transfer.notified_on)
  if (problem) throw new ProtectionStateError(problem, 'held-day')
  await recordForEachChild(trx, audit, await store.transferInChildIds(trx, transfer.id), () => ({
    event: {
      subjectType: TRANSFER_IN_SUBJECT,
      subjectId: transfer.id,
      type: 'cp_transfer_in.conference_held',
      occurredAt: conference.heldAt,
      summary: `Transfer-in child protection conference held (notified by ${transfer.from_la_name})`,
      recordedBy: actor.id,
      attributes: { conferenceId: conference.id },
    },
    audit: {
      action: 'cp_transfer_in.conference_held',
      recordType: TRANSFER_IN_SUBJECT,
      recordId: transfer.id,
      detail: { conferenceId: conference.id, heldOn: conference.heldOn },
    },
  }))
}

/** A child's transfers in and out, for the record panel. */
export async function transfersPanel({ db }: ProtectionDeps, childId: number) {
  return store.transfersOfChild(db, childId)
}

// ---------------------------------------------------------------------------------------------
// Transfer-out

/** The plan's transfer-out, if one is recorded (the form refuses a second). */
export async function transferOutOfPlan({ db }: ProtectionDeps, planId: number) {
  return (await store.transferOutOfPlan(db, planId)) ?? null
}

/**
 * Records that a child on our plan is moving to another authority. The plan stays open, its clocks
 * running. Refused: the plan changed since the form was shown, ended, or has a move recorded.
 */
export async function recordTransferOut(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  input: TransferOutInput,
  audit: AuditContext,
) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now()
    const plan = await plans.lockPlan(trx, planId)
    if (!plan) throw new NotFoundError(`No child protection plan ${planId}`)
    const decision = await requireEdit(trx, actor, plan.child_id, now)
    if (plan.end_date !== null) throw new ProtectionStateError('This child protection plan has ended.')
    if (plan.version !== input.version) throw new PlanConflictError()
    if (await store.transferOutOfPlan(trx, planId))
      throw new ProtectionStateError('A move to another authority is already recorded for this plan.', 'la')
    if (input.notifiedOn < plan.start_date)
      throw new ProtectionStateError('Date notified must be on or after the plan started', 'notified-day')
    const id = await store.insertTransferOut(trx, plan, input, actor.id, now)
    await recordCaseEvent(trx, {
      childId: plan.child_id,
      subjectType: TRANSFER_OUT_SUBJECT,
      subjectId: id,
      type: 'cp_transfer_out.recorded',
      occurredAt: dayInstant(input.notifiedOn),
      summary: `Moving to ${input.laName}: its transfer-in conference is on ${longDate(input.conferenceOn)}; the plan stays open until then`,
      recordedBy: actor.id,
      attributes: { planId, laCode: input.laCode, conferenceOn: input.conferenceOn },
    })
    await recordAudit(trx, audit, {
      action: 'cp_transfer_out.record',
      outcome: 'allowed',
      childId: plan.child_id,
      recordType: TRANSFER_OUT_SUBJECT,
      recordId: id,
      basis: decision.basis,
      detail: {
        planId,
        laCode: input.laCode,
        notifiedOn: input.notifiedOn,
        conferenceOn: input.conferenceOn,
      },
    })
    return id
  })
}

export async function viewTransferOut({ db }: ProtectionDeps, id: number) {
  const transfer = await store.loadTransferOut(db, id)
  if (!transfer) throw new NotFoundError(`No transfer-out ${id}`)
  return { transfer }
}

/**
 * The receiving authority's transfer-in conference held: our plan ends on that date with the
 * reason "transferred to another local authority", through the plan service, in the same
 * transaction. Refused: recorded already, a date before the notification or in the future, the
 * plan changed since the form was shown or ended.
 */
export async function recordTransferOutHeld(
  deps: ProtectionDeps,
  actor: Actor,
  id: number,
  input: TransferOutHeldInput,
  audit: AuditContext,
) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now()
    const transfer = await store.lockTransferOut(trx, id)
    if (!transfer) throw new NotFoundError(`No transfer-out ${id}`)
    const decision = await requireEdit(trx, actor, transfer.child_id, now)
    if (transfer.held_on !== null)
      throw new ProtectionStateError('The receiving authority’s conference is already recorded as held.')
    const problem = transferConferenceDateProblem(input.heldOn, transfer.notified_on)
    if (problem) throw new ProtectionStateError(problem, 'held-day')
    if (input.heldOn > londonToday(now))
      throw new ProtectionStateError('Date held must be today or in the past', 'held-day')
    await endPlanWithin(trx, deps, actor, audit, {
      planId: transfer.cp_plan_id,
      version: input.version,
      endDate: input.heldOn,
      reason: 'transferred_out',
    })
    await store.saveTransferOutHeld(trx, id, input.heldOn, actor.id, now)
    await recordCaseEvent(trx, {
      childId: transfer.child_id,
      subjectType: TRANSFER_OUT_SUBJECT,
      subjectId: id,
      type: 'cp_transfer_out.conference_held',
      occurredAt: dayInstant(input.heldOn),
      summary: `${transfer.to_la_name} held its transfer-in conference: the plan here ends`,
      recordedBy: actor.id,
      attributes: { planId: transfer.cp_plan_id },
    })
    await recordAudit(trx, audit, {
      action: 'cp_transfer_out.conference_held',
      outcome: 'allowed',
      childId: transfer.child_id,
      recordType: TRANSFER_OUT_SUBJECT,
      recordId: id,
      basis: decision.basis,
      detail: { planId: transfer.cp_plan_id, heldOn: input.heldOn },
    })
    return { planId: transfer.cp_plan_id, heldOn: input.heldOn }
  })
}

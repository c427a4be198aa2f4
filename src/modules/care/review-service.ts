/**
 * Reviews and the IRO: the use cases. Allocating an IRO (a manager: the grant given, the last
 * IRO's ended), recording a review the IRO chaired (the review clock stopped and the next
 * started, the minutes' clock started on the IRO's list), and recording its minutes distributed.
 * Each runs in one transaction with its permission checked again, its rules applied to what is
 * saved, its case events and its audit row; a refusal leaves nothing written, and a refusal of the
 * user is audited on its own. Care ending ends the IRO's allocation (`review-ending.ts`).
 */
import { auditingRefusal, recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonDate, londonInstant, londonToday, longDate } from '../../platform/calendar/dates.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { grantAccess, loadChildRecord, revokeAccess } from '../../platform/permissions/store.js'
import { assignClockTask, recordCaseEvent } from '../../platform/tasks/case-events.js'
import type { ChildAction } from '../../platform/permissions/roles.js'
import { CARE_SUBJECT } from './model.js'
import {
  DELAY_REASONS,
  delayReason,
  isReviewRefusal,
  MINUTES_CLOCK,
  minutesRefusal,
  PARTICIPATION,
  participationRefusal,
  reportRefusal,
  REVIEW_EVENTS,
  REVIEW_SUBJECT,
  reviewCodeText,
  reviewDateRefusal,
  type IroInput,
  type MinutesInput,
  type ReviewInput,
} from './review-model.js'
import * as reviews from './review-store.js'
import { CareStateError, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

const NOT_IN_CARE = 'This child is not looked after: start a period of care first'
const dayStart = (date: string) => londonInstant(date, '00:00')

/**
 * The actor may do `action` to the child: checked in the transaction, refusals audited alone.
 * Reviews and health (health-service.ts) write through it.
 */
export async function acting<T>(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  action: ChildAction,
  audit: AuditContext,
  auditAction: string,
  work: (trx: Trx, now: Date, basis: string | null) => Promise<T>,
): Promise<T> {
  const { db, clock } = deps
  return auditingRefusal(
    db,
    audit,
    { action: auditAction, childId, recordType: 'care_period', recordId: null },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const decision = allow(actor, action, await loadChildRecord(trx, childId), now)
        if (!decision.allowed) throw new NotAllowedError(decision.reason)
        return work(trx, now, decision.basis)
      }),
  )
}

/**
 * A team manager or service manager allocates the child's IRO for the open period of care: the
 * IRO's grant is given, and the IRO it replaces (if any) loses theirs, the history kept.
 */
export async function allocateIro(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: IroInput,
  audit: AuditContext,
): Promise<{ allocationId: number }> {
  return acting(deps, actor, childId, 'child.allocate', audit, 'care.iro_allocate', (trx, now, basis) =>
    writeIroAllocation(trx, actor, childId, input, audit, now, basis),
  )
}

/**
 * Allocating the IRO's writes, in the caller's transaction once the permission is checked: the
 * demo authority's seed allocates its child's IRO this way, inside its own transaction.
 */
export async function writeIroAllocation(
  trx: Trx,
  actor: { id: number },
  childId: number,
  input: IroInput,
  audit: AuditContext,
  now: Date,
  basis: string | null,
): Promise<{ allocationId: number }> {
  const period = await store.lockOpenPeriod(trx, childId)
  if (!period) throw new CareStateError(NOT_IN_CARE)
  const iro = (await reviews.iroCandidates(trx)).find((c) => c.id === input.iro)
  if (!iro) throw new CareStateError('Select an independent reviewing officer from the list', 'iro')
  const current = await reviews.currentIro(trx, period.id)
  if (current?.iro_user_id === iro.id)
    throw new CareStateError(`${iro.display_name} is already this child’s IRO`, 'iro')
  const ended = await reviews.endIroAllocation(trx, period.id, {
    at: now,
    by: actor.id,
    reason: `Replaced by ${iro.display_name}`,
  })
  if (ended) await revokeAccess(trx, ended.grant_id, `Another IRO allocated: ${iro.display_name}`)
  const grantId = await grantAccess(trx, {
    childId,
    userId: iro.id,
    basis: 'independent_reviewing_officer',
    grantedBy: actor.id,
    reason: `Independent reviewing officer for the period of care from ${longDate(period.start_date)}`,
  })
  const allocationId = await reviews.insertIroAllocation(trx, {
    periodId: period.id,
    childId,
    iroUserId: iro.id,
    grantId,
    by: actor.id,
    at: now,
  })
  await recordCaseEvent(trx, {
    childId,
    subjectType: CARE_SUBJECT,
    subjectId: period.id,
    type: REVIEW_EVENTS.iroAllocated,
    occurredAt: now,
    summary: current
      ? `Independent reviewing officer changed from ${current.iroName} to ${iro.display_name}`
      : `Independent reviewing officer allocated: ${iro.display_name}`,
    recordedBy: actor.id,
    attributes: {
      allocationId,
      iroUserId: iro.id,
      ...(current ? { replaced: current.iro_user_id } : {}),
    },
  })
  await recordAudit(trx, audit, {
    action: 'care.iro_allocate',
    outcome: 'allowed',
    childId,
    recordType: 'care_period',
    recordId: period.id,
    basis,
    detail: {
      iroUserId: iro.id,
      grantId,
      ...(ended ? { replacedIroUserId: ended.iro_user_id, revokedGrantId: ended.grant_id } : {}),
    },
  })
  return { allocationId }
}

/**
 * A looked-after review held, chaired by the allocated IRO: recorded by the IRO, the allocated
 * worker or a manager. Stops the running review clock (its `then` starts the next) and starts the
 * minutes' clock on the IRO's list.
 */
export async function recordReview(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: ReviewInput,
  audit: AuditContext,
): Promise<{ reviewId: number; late: boolean }> {
  return acting(deps, actor, childId, 'child.edit', audit, 'care.review_record', async (trx, now, basis) => {
    const period = await store.lockOpenPeriod(trx, childId)
    if (!period) throw new CareStateError(NOT_IN_CARE)
    const child = await store.childNamed(trx, childId)
    if (!child) throw new NotFoundError('No such child')
    const iro = await reviews.currentIro(trx, period.id)
    if (!iro)
      throw new CareStateError('Allocate an independent reviewing officer first: the IRO chairs the review')
    const refused =
      reviewDateRefusal({
        heldOn: input.heldOn,
        today: londonToday(now),
        periodStart: period.start_date,
        lastReview: await reviews.lastReviewOn(trx, period.id),
      }) ??
      participationRefusal(input.participation, child.date_of_birth, input.heldOn) ??
      reportRefusal(input.heldOn, input.report.sharedOn)
    if (refused) throw new CareStateError(refused.message, refused.field)
    const running = await reviews.runningReviewTask(trx, period.id)
    const dueOn = running ? londonDate(running.due_at.getTime()) : null
    const delay = delayReason(input.heldOn, dueOn, input.lateReason)
    if (isReviewRefusal(delay)) throw new CareStateError(delay.message, delay.field)
    const reviewId = await reviews.insertReview(trx, {
      periodId: period.id,
      childId,
      heldOn: input.heldOn,
      participation: input.participation,
      chairUserId: iro.iro_user_id,
      report: input.report,
      dueOn,
      lateReason: delay.lateReason,
      by: actor.id,
      at: now,
    })
    const at = dayStart(input.heldOn)
    const late = delay.lateReason !== null
    await recordCaseEvent(trx, {
      childId,
      subjectType: CARE_SUBJECT,
      subjectId: period.id,
      type: REVIEW_EVENTS.held,
      occurredAt: at,
      summary:
        `Looked-after review held, chaired by ${iro.iroName}: ${reviewCodeText(PARTICIPATION, input.participation)}` +
        (late ? `; late (${DELAY_REASONS.find((d) => d.code === delay.lateReason)?.label ?? ''})` : ''),
      recordedBy: actor.id,
      attributes: {
        reviewId,
        participation: input.participation,
        chair: iro.iro_user_id,
        ...(running ? { clock: running.clock_code, dueOn } : {}),
        ...(late ? { lateReason: delay.lateReason } : {}),
      },
    })
    const minutesEvent = await recordCaseEvent(trx, {
      childId,
      subjectType: REVIEW_SUBJECT,
      subjectId: reviewId,
      type: REVIEW_EVENTS.minutesDue,
      occurredAt: at,
      summary: `Minutes of the looked-after review of ${longDate(input.heldOn)} to be distributed`,
      recordedBy: actor.id,
      attributes: { reviewId, chair: iro.iro_user_id },
    })
    // The IRO writes and distributes the record of the review: the task is theirs.
    await assignClockTask(trx, MINUTES_CLOCK, minutesEvent, iro.iro_user_id)
    await recordAudit(trx, audit, {
      action: 'care.review_record',
      outcome: 'allowed',
      childId,
      recordType: 'lac_review',
      recordId: reviewId,
      basis,
      detail: {
        heldOn: input.heldOn,
        participation: input.participation,
        chair: iro.iro_user_id,
        reportShared: input.report.sharedOn !== null,
        dueOn,
        lateReason: delay.lateReason,
      },
    })
    return { reviewId, late }
  })
}

/** The review's minutes distributed: stops its minutes' clock. Recorded once. */
export async function recordMinutes(
  deps: CareDeps,
  actor: Actor,
  reviewId: number,
  input: MinutesInput,
  audit: AuditContext,
): Promise<{ reviewId: number }> {
  const childId = await reviews.reviewChild(deps.db, reviewId)
  if (childId === null) throw new NotFoundError('No such review')
  return acting(deps, actor, childId, 'child.edit', audit, 'care.review_minutes', async (trx, now, basis) => {
    const review = await reviews.lockReview(trx, reviewId)
    if (!review) throw new NotFoundError('No such review')
    if (review.minutes_distributed_on !== null)
      throw new CareStateError(
        `The minutes were already recorded as distributed on ${longDate(review.minutes_distributed_on)}`,
      )
    const refused = minutesRefusal(review.held_on, input.distributedOn, londonToday(now))
    if (refused) throw new CareStateError(refused.message, refused.field)
    await reviews.setMinutesDistributed(trx, reviewId, { on: input.distributedOn, by: actor.id })
    await recordCaseEvent(trx, {
      childId,
      subjectType: REVIEW_SUBJECT,
      subjectId: reviewId,
      type: REVIEW_EVENTS.minutesDistributed,
      occurredAt: dayStart(input.distributedOn),
      summary: `Minutes of the looked-after review of ${longDate(review.held_on)} distributed`,
      recordedBy: actor.id,
      attributes: { reviewId },
    })
    await recordAudit(trx, audit, {
      action: 'care.review_minutes',
      outcome: 'allowed',
      childId,
      recordType: 'lac_review',
      recordId: reviewId,
      basis,
      detail: { heldOn: review.held_on, distributedOn: input.distributedOn },
    })
    return { reviewId }
  })
}

/** What the care page's reviews section shows. The route has checked and audited the view. */
export async function reviewSection({ db }: CareDeps, childId: number, openPeriodId: number | null) {
  const [history, held] = await Promise.all([
    reviews.iroHistoryOf(db, childId),
    reviews.reviewsOf(db, childId),
  ])
  const [iro, next] = openPeriodId
    ? await Promise.all([reviews.currentIro(db, openPeriodId), reviews.runningReviewTask(db, openPeriodId)])
    : [undefined, undefined]
  const minutesDue = await reviews.minutesTasksOf(
    db,
    held.filter((r) => r.minutes_distributed_on === null).map((r) => r.id),
  )
  return {
    iro: iro ?? null,
    iroHistory: history,
    reviews: held.map((r) => ({ ...r, minutesDueAt: minutesDue.get(r.id) ?? null })),
    next: next ?? null,
  }
}
export type ReviewSection = Awaited<ReturnType<typeof reviewSection>>

/** The IROs a manager may choose from. */
export const iroChoices = ({ db }: CareDeps) => reviews.iroCandidates(db)

/** A review and its child's name, for the minutes' page. */
export async function reviewForMinutes({ db }: CareDeps, reviewId: number) {
  const review = await reviews.reviewNamed(db, reviewId)
  if (!review) throw new NotFoundError('No such review')
  return review
}

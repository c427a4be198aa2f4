/**
 * Review child protection conferences' use cases: what the arranging form offers from a child's
 * open plan (brothers and sisters on open plans, the chairs, the review clock's due date), and
 * arranging the review. Once arranged, a review is a conference like any other: invitations,
 * reports and the conference held (conference-service.ts), whose decisions continue or end each
 * child's plan (`applyConferenceDecisions` → plan-service `recordReviewConference`).
 */
import type { AuditContext } from '../../platform/audit/audit.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { arrangeIn, mayEdit } from './conference-service.js'
import * as conferenceStore from './conference-store.js'
import { PlanConflictError } from './plan-service.js'
import * as planStore from './plan-store.js'
import type { ReviewArrangeInput, ReviewChild } from './review-model.js'
import { reviewDateProblem } from './review-model.js'
import * as store from './review-store.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'

type OpenPlan = Awaited<ReturnType<typeof store.openPlansOf>>[number]

const reviewChild = (p: OpenPlan): ReviewChild => ({
  childId: p.child_id,
  name: `${p.given_name} ${p.family_name}`,
  startDate: p.start_date,
  lastReview: p.last_review ?? null,
})

/**
 * What arranging a review of a plan offers: the plan's child (with its last review), the brothers
 * and sisters on open plans with no review arranged yet whose records the actor may change, the
 * chairs, a review already arranged for the child, and when the review clock falls due.
 */
export async function reviewOptions({ db, clock }: ProtectionDeps, actor: Actor, planId: number) {
  const plan = await planStore.loadPlan(db, planId)
  if (!plan) throw new NotFoundError(`No child protection plan ${planId}`)
  const ownOpen = (await store.openPlansOf(db, [plan.child_id])).find((p) => p.id === planId)
  const siblingPlans = await store.openPlansOf(db, await conferenceStore.siblingIdsOf(db, plan.child_id))
  const pending = await store.pendingReviews(db, [plan.child_id, ...siblingPlans.map((s) => s.child_id)])
  const now = clock.now()
  const siblings: ReviewChild[] = []
  for (const s of siblingPlans)
    if (!pending.some((p) => p.child_id === s.child_id) && (await mayEdit(db, actor, s.child_id, now)))
      siblings.push(reviewChild(s))
  const due = await store.reviewDue(db, [planId])
  return {
    plan,
    own: ownOpen ? reviewChild(ownOpen) : null,
    siblings,
    pending: pending.find((p) => p.child_id === plan.child_id) ?? null,
    due: due[0] ?? null,
    chairs: await conferenceStore.chairs(db),
  }
}

/**
 * Arranges a review conference of an open plan, with the brothers and sisters chosen (each on an
 * open plan). Refused, with nothing written: a form shown against an older version of the plan, a
 * plan that has ended, a child with a review already arranged, a brother or sister with no open
 * plan or whose record the actor cannot change, a date before a child's plan started or its last
 * review.
 */
export async function arrangeReviewConference(
  deps: ProtectionDeps,
  actor: Actor,
  planId: number,
  input: ReviewArrangeInput,
  audit: AuditContext,
) {
  const { db, clock } = deps
  return db.transaction().execute(async (trx) => {
    const plan = await planStore.lockPlan(trx, planId)
    if (!plan) throw new NotFoundError(`No child protection plan ${planId}`)
    if (plan.version !== input.version) throw new PlanConflictError()
    if (plan.end_date !== null)
      throw new ProtectionStateError('This child protection plan has ended: it has no more reviews.')
    const now = clock.now()
    const siblingIds = await conferenceStore.siblingIdsOf(trx, plan.child_id)
    for (const id of input.siblingIds)
      if (!siblingIds.includes(id))
        throw new ProtectionStateError('Select brothers and sisters from the list', 'siblings')
    const childIds = [plan.child_id, ...input.siblingIds]
    for (const childId of childIds)
      if (!(await mayEdit(trx, actor, childId, now)))
        throw new NotAllowedError('You cannot arrange a review for a child whose record you cannot change.')
    const open = await store.openPlansOf(trx, childIds)
    await store.lockPlans(
      trx,
      open.map((p) => p.id),
    )
    const children: ReviewChild[] = []
    for (const childId of childIds) {
      const p = open.find((o) => o.child_id === childId)
      if (!p)
        throw new ProtectionStateError(
          'A brother or sister chosen is no longer on a child protection plan: open the form again from the plan.',
          'siblings',
        )
      children.push(reviewChild(p))
    }
    const pending = await store.pendingReviews(trx, childIds)
    const first = pending[0]
    if (first)
      throw new ProtectionStateError(
        `A review conference is already arranged for ${first.given_name} ${first.family_name}.`,
      )
    const problem = reviewDateProblem(input.scheduledOn, children)
    if (problem) throw new ProtectionStateError(problem, 'scheduled-day')
    return arrangeIn(
      trx,
      deps,
      actor,
      audit,
      'review',
      input,
      children.map((c) => ({ childId: c.childId, s47Id: null })),
    )
  })
}

/** For the plan's page: a review arranged for the child and not yet held, and the review clock's due date. */
export async function planReviewState({ db }: ProtectionDeps, childId: number, planId: number) {
  const pending = (await store.pendingReviews(db, [childId]))[0] ?? null
  const due = (await store.reviewDue(db, [planId]))[0] ?? null
  return { pending, due }
}

/**
 * Child protection conferences' use cases: arranging one for a child and their brothers and
 * sisters, inviting agencies (a partner practitioner with an account gets an expiring
 * `process_participant` grant on each child), a partner's contribution, and the conference held
 * with a decision for each child. One transaction per write, with its case events and audit rows.
 */
import type { AuditContext } from '../../platform/audit/audit.js'
import { londonDate, londonToday, longDate } from '../../platform/calendar/dates.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import type { ConferenceKind, CpCategory } from '../../platform/db/schema.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { grantAccess, loadChildRecord } from '../../platform/permissions/store.js'
import { recordForEachChild } from '../../platform/tasks/case-events.js'
import {
  accessUntil,
  agencyLabel,
  CHANGEABLE_KINDS,
  conferenceDateProblem,
  CONFERENCE_KINDS,
  icpcDueOf,
  type ArrangeInput,
  type CancelInput,
  type RearrangeInput,
  type ConferenceHeldInput,
  type ContributionInput,
  type InviteInput,
} from './conference-model.js'
import { labelOf } from './model.js'
import { S47_SUBJECT } from './s47-model.js'
import * as store from './conference-store.js'
import * as s47Store from './s47-store.js'
import { reviewDateProblem } from './review-model.js'
import * as reviewStore from './review-store.js'
import { recordReviewConference, startChildProtectionPlans, type NewPlan } from './plan-service.js'
import { plansOf } from './plan-store.js'
import * as sdStore from './store.js'
import { transferConferenceDateProblem } from './transfer-model.js'
import { transferInConferenceHeld } from './transfer-service.js'
import * as transferStore from './transfer-store.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'
import type { Db, Trx } from './store.js'

export const CONFERENCE_SUBJECT = 'child_protection_conference'

const kindText = (kind: ConferenceKind) => labelOf(CONFERENCE_KINDS, kind) ?? kind

export async function mayEdit(db: Db, actor: Actor, childId: number, now: Date): Promise<boolean> {
  return allow(actor, 'child.edit', await loadChildRecord(db, childId), now).allowed
}

/**
 * What the arranging form offers for an enquiry: its child and the brothers and sisters whose own
 * enquiries need a conference not yet arranged (those the actor may change), and the chairs.
 */
export async function arrangeOptions({ db, clock }: ProtectionDeps, actor: Actor, s47Id: number) {
  const s47 = await s47Store.s47Row(db, s47Id)
  if (!s47) throw new NotFoundError(`No section 47 enquiry ${s47Id}`)
  const siblings = await store.s47sAwaitingConference(db, await store.siblingIdsOf(db, s47.child_id))
  const now = clock.now()
  const editable = []
  for (const s of siblings) if (await mayEdit(db, actor, s.child_id, now)) editable.push(s)
  const own = (await store.s47sAwaitingConference(db, [s47.child_id])).find((s) => s.id === s47Id) ?? null
  return { own, siblings: editable, chairs: await store.chairs(db) }
}

/**
 * Arranges the initial conference for an enquiry that needs one, with the brothers and sisters
 * chosen (each with their own enquiry needing one). Refused: an enquiry with no conference needed
 * or one already arranged, a date before any child's enquiry started.
 */
export async function arrangeInitialConference(
  deps: ProtectionDeps,
  actor: Actor,
  s47Id: number,
  input: ArrangeInput,
  audit: AuditContext,
) {
  const { db, clock } = deps
  return db.transaction().execute(async (trx) => {
    const own = await s47Store.lockS47(trx, s47Id)
    if (!own) throw new NotFoundError(`No section 47 enquiry ${s47Id}`)
    const awaiting = await store.s47sAwaitingConference(trx, [own.child_id, ...input.siblingIds])
    const mine = awaiting.find((s) => s.id === s47Id)
    if (!mine)
      throw new ProtectionStateError(
        own.conference_needed === true && own.completed_on === null
          ? 'The outcome of this section 47 enquiry is waiting for a manager to authorise it: arrange the conference once it is authorised.'
          : own.conference_needed === true
            ? 'A conference has already been arranged for this section 47 enquiry.'
            : 'This section 47 enquiry has no outcome saying a conference is needed.',
      )
    const now = clock.now()
    const children = [
      {
        childId: own.child_id,
        s47Id: own.id,
        name: `${mine.given_name} ${mine.family_name}`,
        start: own.start_date,
      },
    ]
    for (const sibling of input.siblingIds) {
      const s = awaiting.find((a) => a.child_id === sibling)
      if (!s)
        throw new ProtectionStateError(
          'A brother or sister chosen has no section 47 enquiry needing a conference.',
          'siblings',
        )
      if (!(await mayEdit(trx, actor, sibling, now)))
        throw new NotAllowedError(
          'You cannot arrange a conference for a child whose record you cannot change.',
        )
      children.push({
        childId: sibling,
        s47Id: s.id,
        name: `${s.given_name} ${s.family_name}`,
        start: s.start_date,
      })
    }
    const problem = conferenceDateProblem(
      input.scheduledOn,
      children.map((c) => ({ name: c.name, s47StartDate: c.start })),
    )
    if (problem) throw new ProtectionStateError(problem, 'scheduled-day')
    return arrangeIn(trx, deps, actor, audit, 'initial', input, children)
  })
}

/** Writes an arranged conference of any kind (initial, review, transfer-in) for these children, in the caller's transaction. */
export async function arrangeIn(
  trx: Trx,
  deps: ProtectionDeps,
  actor: Actor,
  audit: AuditContext,
  kind: ConferenceKind,
  input: ArrangeInput,
  children: readonly { childId: number; s47Id: number | null }[],
) {
  const now = deps.clock.now()
  const id = await store.insertConference(trx, { kind, arrange: input, by: actor.id, at: now }, children)
  const calendar = await loadWorkingCalendar(trx)
  const until = accessUntil(calendar, input.scheduledOn)
  for (const c of children) {
    // The chair reads the children's records until the access of the conference's participants ends.
    await grantAccess(trx, {
      childId: c.childId,
      userId: input.chairId,
      basis: 'process_participant',
      grantedBy: actor.id,
      expiresAt: until,
      reason: `Chair of conference ${id}`,
    })
  }
  const childIds = children.map((x) => x.childId)
  await recordForEachChild(trx, audit, childIds, () => ({
    event: {
      subjectType: CONFERENCE_SUBJECT,
      subjectId: id,
      type: 'conference.arranged',
      occurredAt: now,
      summary: `${kindText(kind)} arranged for ${longDate(londonDate(input.scheduledAt.getTime()))}${children.length > 1 ? ` (${children.length} children)` : ''}`,
      recordedBy: actor.id,
      attributes: { kind, scheduledOn: input.scheduledOn, children: childIds },
    },
    audit: {
      action: 'conference.arrange',
      recordType: CONFERENCE_SUBJECT,
      recordId: id,
      detail: { kind, chairId: input.chairId },
    },
  }))
  return id
}

/**
 * A child added to a conference already arranged and not yet held (a brother or sister whose
 * transfer-in was notified with the others but recorded after it was arranged), in the caller's
 * transaction: the child is one of the conference's children, with a decision of their own when
 * it is held; its chair and the partner practitioners invited with an account read the child's
 * record as they read the others'. The caller has checked the conference is still to come.
 */
export async function addChildToConference(
  trx: Trx,
  actor: Pick<Actor, 'id'>,
  audit: AuditContext,
  at: Date,
  conferenceId: number,
  childId: number,
) {
  const conference = await store.lockConference(trx, conferenceId)
  if (!conference) throw new NotFoundError(`No conference ${conferenceId}`)
  if (conference.held_at !== null || conference.cancelled_at !== null)
    throw new ProtectionStateError(
      'This conference has been held or cancelled: a child cannot be added to it.',
    )
  const others = await store.conferenceChildIds(trx, conferenceId)
  if (others.includes(childId)) return
  await store.insertConferenceChild(trx, conferenceId, childId)
  const scheduledOn = londonDate(conference.scheduled_at.getTime())
  const until = accessUntil(await loadWorkingCalendar(trx), scheduledOn)
  await grantAccess(trx, {
    childId,
    userId: conference.chair_id,
    basis: 'process_participant',
    grantedBy: actor.id,
    expiresAt: until,
    reason: `Chair of conference ${conferenceId}`,
  })
  for (const i of await store.invitationsOf(trx, { conferenceId }))
    if (i.user_id !== null && i.access_until !== null)
      await grantAccess(trx, {
        childId,
        userId: i.user_id,
        basis: 'process_participant',
        grantedBy: actor.id,
        expiresAt: i.access_until,
        reason: `Invited to conference ${conferenceId}`,
      })
  await recordForEachChild(trx, audit, [childId], () => ({
    event: {
      subjectType: CONFERENCE_SUBJECT,
      subjectId: conferenceId,
      type: 'conference.arranged',
      occurredAt: at,
      summary: `${kindText(conference.kind)} arranged for ${longDate(scheduledOn)} (${others.length + 1} children: added with brothers and sisters)`,
      recordedBy: actor.id,
      attributes: { kind: conference.kind, scheduledOn, children: [...others, childId], added: true },
    },
    audit: {
      action: 'conference.add_child',
      recordType: CONFERENCE_SUBJECT,
      recordId: conferenceId,
      detail: { kind: conference.kind, children: others.length + 1 },
    },
  }))
}

/** A conference, its children with their decisions, and who was invited. The route has checked and audited. */
export async function viewConference({ db }: ProtectionDeps, id: number) {
  const conference = await store.loadConference(db, id)
  if (!conference) throw new NotFoundError(`No conference ${id}`)
  const children = await store.conferenceChildren(db, id)
  const childIds = children.map((c) => c.child_id)
  const review = conference.kind === 'review'
  return {
    conference,
    children,
    invitations: await store.invitationsOf(db, { conferenceId: id }),
    // A review's children's plans: the one each child's row links to, and those still open.
    planOf: review ? await reviewStore.plansOfConference(db, id, childIds) : new Map<number, number>(),
    openPlans: review ? await reviewStore.openPlansOf(db, childIds) : [],
    // An initial conference is due 15 working days from the strategy discussion, wherever it is arranged.
    icpcDue:
      conference.kind === 'initial'
        ? icpcDueOf(
            await loadWorkingCalendar(db),
            children.map((c) => c.s47StartDate),
          )
        : null,
  }
}

export async function inviteOptions({ db }: ProtectionDeps) {
  return { accounts: await store.partnerAccounts(db) }
}

type Process = { conferenceId: number } | { strategyDiscussionId: number }

/**
 * Invites an agency to a conference or strategy discussion. A partner practitioner named by
 * account is given a `process_participant` grant on each child, ending 10 working days after the
 * meeting (the conference's date; for a discussion, its date or today when not yet held).
 */
export async function invite(
  { db, clock }: ProtectionDeps,
  actor: Actor,
  process: Process,
  input: InviteInput,
  audit: AuditContext,
) {
  return db.transaction().execute(async (trx) => {
    const now = clock.now()
    let childIds: number[]
    let meetingOn: string
    if ('conferenceId' in process) {
      const c = await store.lockConference(trx, process.conferenceId)
      if (!c) throw new NotFoundError(`No conference ${process.conferenceId}`)
      if (c.cancelled_at !== null) throw new ProtectionStateError('This conference was cancelled.')
      if (c.held_at !== null) throw new ProtectionStateError('This conference has been held.')
      childIds = await store.conferenceChildIds(trx, process.conferenceId)
      meetingOn = londonDate(c.scheduled_at.getTime())
    } else {
      const sd = await sdStore.lockStrategyDiscussion(trx, process.strategyDiscussionId)
      if (!sd) throw new NotFoundError(`No strategy discussion ${process.strategyDiscussionId}`)
      if (sd.cancelled_at !== null) throw new ProtectionStateError('This strategy discussion was cancelled.')
      childIds = [sd.child_id]
      meetingOn = londonDate((sd.held_at ?? now).getTime())
    }
    if (input.userId !== null) {
      const account = await store.accountRole(trx, input.userId)
      if (!account || account.role !== 'partner_practitioner' || account.disabled_at !== null)
        throw new ProtectionStateError('Select a partner practitioner’s account from the list', 'userId')
    }
    const until = input.userId === null ? null : accessUntil(await loadWorkingCalendar(trx), meetingOn)
    const id = await store.insertInvitation(trx, process, input, until, actor.id, now)
    const subject =
      'conferenceId' in process
        ? { type: CONFERENCE_SUBJECT, id: process.conferenceId, what: 'conference' }
        : { type: 'strategy_discussion', id: process.strategyDiscussionId, what: 'strategy discussion' }
    for (const childId of childIds) {
      if (input.userId !== null && until !== null)
        await grantAccess(trx, {
          childId,
          userId: input.userId,
          basis: 'process_participant',
          grantedBy: actor.id,
          expiresAt: until,
          reason: `Invited to ${subject.what} ${subject.id}`,
        })
    }
    await recordForEachChild(trx, audit, childIds, () => ({
      event: {
        subjectType: subject.type,
        subjectId: subject.id,
        type:
          subject.type === CONFERENCE_SUBJECT
            ? 'conference.agency_invited'
            : 'strategy_discussion.agency_invited',
        occurredAt: now,
        summary: `${agencyLabel(input.agency)} invited to the ${subject.what}${input.reportRequested ? ', report requested' : ''}`,
        recordedBy: actor.id,
        attributes: { invitationId: id, agency: input.agency, reportRequested: input.reportRequested },
      },
      audit: {
        action: 'protection.invite',
        recordType: subject.type,
        recordId: subject.id,
        detail: {
          invitationId: id,
          agency: input.agency,
          userId: input.userId,
          accessUntil: until?.toISOString() ?? null,
        },
      },
    }))
    return id
  })
}

/** The invitation, the process it belongs to and its children, for the contribution page. */
export async function viewInvitation({ db }: ProtectionDeps, id: number) {
  const invitation = await store.loadInvitation(db, id)
  if (!invitation) throw new NotFoundError(`No invitation ${id}`)
  if (invitation.conference_id !== null) {
    const c = await viewConference({ db } as ProtectionDeps, invitation.conference_id)
    return { invitation, kind: 'conference' as const, conference: c.conference, children: c.children }
  }
  const sd = await store.invitationDiscussion(db, invitation.strategy_discussion_id as number)
  return {
    invitation,
    kind: 'strategy_discussion' as const,
    discussion: sd,
    children: [{ child_id: sd.child_id, given_name: sd.given_name, family_name: sd.family_name }],
  }
}

/** The children an invitation's process is about. */
export async function invitationChildIds(db: Db, id: number): Promise<number[] | null> {
  const inv = await store.loadInvitation(db, id)
  if (!inv) return null
  if (inv.conference_id !== null) return store.conferenceChildIds(db, inv.conference_id)
  const childId = await sdStore.strategyDiscussionChild(db, inv.strategy_discussion_id as number)
  return childId === null ? null : [childId]
}

/** The invited agency's report or contribution, by the invited practitioner or the children's worker. */
export async function recordContribution(
  { db, clock }: ProtectionDeps,
  actor: Actor,
  id: number,
  input: ContributionInput,
  audit: AuditContext,
) {
  return db.transaction().execute(async (trx) => {
    const inv = await store.lockInvitation(trx, id)
    if (!inv) throw new NotFoundError(`No invitation ${id}`)
    const now = clock.now()
    const childIds = (await invitationChildIds(trx, id)) ?? []
    await store.saveContribution(trx, id, input.contribution, actor.id, now)
    const subject =
      inv.conference_id !== null
        ? { type: CONFERENCE_SUBJECT, id: inv.conference_id, what: 'conference' }
        : {
            type: 'strategy_discussion',
            id: inv.strategy_discussion_id as number,
            what: 'strategy discussion',
          }
    await recordForEachChild(trx, audit, childIds, () => ({
      event: {
        subjectType: subject.type,
        subjectId: subject.id,
        type:
          subject.type === CONFERENCE_SUBJECT
            ? 'conference.report_received'
            : 'strategy_discussion.contribution_received',
        occurredAt: now,
        summary: `${agencyLabel(inv.agency_kind)}’s ${inv.report_requested ? 'report' : 'contribution'} to the ${subject.what} received`,
        recordedBy: actor.id,
        attributes: { invitationId: id, agency: inv.agency_kind },
      },
      audit: {
        action: 'protection.contribute',
        recordType: subject.type,
        recordId: subject.id,
        detail: { invitationId: id },
      },
    }))
    return subject
  })
}

/**
 * Records the conference held: when, attendance, participation, and each child's decision; then
 * applies the decisions (the case events, and the hand-over to the CP plans). Refused: held
 * already, cancelled, a date before a child's enquiry started, an initial conference for a child
 * with no enquiry needing one.
 */
export async function recordConferenceHeld(
  deps: ProtectionDeps,
  actor: Actor,
  id: number,
  held: ConferenceHeldInput,
  audit: AuditContext,
) {
  const { db, clock } = deps
  return db.transaction().execute(async (trx) => {
    const c = await store.lockConference(trx, id)
    if (!c) throw new NotFoundError(`No conference ${id}`)
    if (c.held_at !== null) throw new ProtectionStateError('This conference has already been recorded.')
    if (c.cancelled_at !== null) throw new ProtectionStateError('This conference was cancelled.')
    const children = await store.conferenceChildren(trx, id)
    if (c.kind === 'initial') {
      const missing = children.find((ch) => ch.s47_id === null)
      if (missing)
        throw new ProtectionStateError(
          `${missing.given_name} ${missing.family_name} has no section 47 enquiry needing an initial conference.`,
        )
    }
    const problem = conferenceDateProblem(
      held.heldOn,
      children.map((ch) => ({ name: `${ch.given_name} ${ch.family_name}`, s47StartDate: ch.s47StartDate })),
    )
    if (problem) throw new ProtectionStateError(problem, 'held-day')
    if (held.heldOn > londonToday(clock.now()))
      throw new ProtectionStateError('Date held must be today or in the past', 'held-day')
    if (c.kind === 'review') {
      // Each child's plan is still open, and the review is not before it started or was last reviewed.
      const open = await reviewStore.openPlansOf(
        trx,
        children.map((ch) => ch.child_id),
      )
      for (const ch of children)
        if (!open.some((p) => p.child_id === ch.child_id))
          throw new ProtectionStateError(
            `${ch.given_name} ${ch.family_name}’s child protection plan has already ended, so this review cannot decide on it. Nothing has been saved.`,
          )
      const reviewProblem = reviewDateProblem(
        held.heldOn,
        open.map((p) => ({
          childId: p.child_id,
          name: `${p.given_name} ${p.family_name}`,
          startDate: p.start_date,
          lastReview: p.last_review ?? null,
        })),
      )
      if (reviewProblem) throw new ProtectionStateError(reviewProblem, 'held-day')
    }
    if (held.decisions.length !== children.length)
      throw new ProtectionStateError('Record a decision for each child.')
    await store.saveConferenceHeld(trx, id, held, actor.id, clock.now())
    await applyConferenceDecisions(trx, deps, actor, audit, {
      id,
      kind: c.kind,
      heldAt: held.heldAt,
      heldOn: held.heldOn,
      children: children.map((ch) => {
        const d = held.decisions.find((x) => x.childId === ch.child_id)
        if (!d) throw new ProtectionStateError('Record a decision for each child.')
        return { ...d, s47Id: ch.s47_id, name: `${ch.given_name} ${ch.family_name}` }
      }),
    })
    // A transfer-in conference stops its notification's clock (not before the notification).
    if (c.kind === 'transfer_in') await transferInConferenceHeld(trx, actor, audit, { id, ...held })
    return { kind: c.kind, children: children.length }
  })
}

export interface AppliedDecision {
  childId: number
  name: string
  s47Id: number | null
  decision: ConferenceHeldInput['decisions'][number]['decision']
  category: ConferenceHeldInput['decisions'][number]['category']
  endReason: string | null
}

/**
 * The one place a conference's decisions take effect, inside its transaction: each child's case
 * event (`icpc.held` on the child's section 47 enquiry, stopping its 15-working-day clock;
 * `cp_review.held` for a review; `conference.held` for a transfer-in), its audit row, and the
 * hand-over to the CP plans, which another part of the module writes.
 */
export async function applyConferenceDecisions(
  trx: Trx,
  deps: ProtectionDeps,
  actor: Actor,
  audit: AuditContext,
  conference: {
    id: number
    kind: ConferenceKind
    heldAt: Date
    heldOn: string
    children: readonly AppliedDecision[]
  },
) {
  const plans: NewPlan[] = []
  const decisionText = (ch: AppliedDecision) =>
    ch.decision === 'plan'
      ? `child protection plan (${ch.category})`
      : ch.decision === 'no_plan'
        ? 'no child protection plan'
        : ch.decision === 'continue'
          ? `plan continues (${ch.category})`
          : 'plan ends'
  const childIds = conference.children.map((c) => c.childId)
  await recordForEachChild(trx, audit, childIds, (_, i) => {
    const ch = conference.children[i] as AppliedDecision
    return {
      event: {
        ...(conference.kind === 'initial'
          ? { type: 'icpc.held', subjectType: S47_SUBJECT, subjectId: ch.s47Id as number }
          : // A review's `cp_review.held` is the plan's own event (recordReviewConference, below).
            { type: 'conference.held', subjectType: CONFERENCE_SUBJECT, subjectId: conference.id }),
        occurredAt: conference.heldAt,
        summary: `${kindText(conference.kind)} held: ${decisionText(ch)}`,
        recordedBy: actor.id,
        attributes: {
          conferenceId: conference.id,
          kind: conference.kind,
          decision: ch.decision,
          category: ch.category,
          children: childIds,
        },
      },
      audit: {
        action: 'conference.record',
        recordType: CONFERENCE_SUBJECT,
        recordId: conference.id,
        detail: { kind: conference.kind, decision: ch.decision, category: ch.category },
      },
    }
  })
  for (const ch of conference.children) {
    if (ch.decision === 'plan' && ch.category !== null)
      plans.push({
        childId: ch.childId,
        conferenceId: conference.id,
        startDate: conference.heldOn,
        category: ch.category,
        // The plan belongs to the referral whose strategy discussion started the enquiry.
        referralId: ch.s47Id === null ? null : ((await s47Store.loadS47(trx, ch.s47Id))?.referral_id ?? null),
      })
    if (conference.kind === 'review' && (ch.decision === 'continue' || ch.decision === 'end')) {
      const open = (await plansOf(trx, ch.childId)).find((p) => p.end_date === null)
      if (!open) throw new ProtectionStateError(`${ch.name} has no child protection plan to review`)
      await recordReviewConference(trx, deps, actor, audit, {
        planId: open.id,
        conferenceId: conference.id,
        heldOn: conference.heldOn,
        outcome:
          ch.decision === 'continue'
            ? { continue: true, latestCategory: ch.category as CpCategory }
            : { continue: false, endReason: ch.endReason ?? '' },
      })
    }
  }
  // Each plan the conference decided on starts on its date (all or none: a child already on a
  // plan refuses the whole conference, with nothing saved).
  if (plans.length > 0) await startChildProtectionPlans(trx, deps, actor, audit, plans)
  return plans
}

// ---------------------------------------------------------------------------------------------
// Cancelling and re-arranging an arranged conference

/**
 * The conference, locked, if it may still be changed: arranged and neither held nor cancelled,
 * every child of which the actor may change.
 */
async function lockChangeable(trx: Trx, actor: Actor, id: number, now: Date) {
  const c = await store.lockConference(trx, id)
  if (!c) throw new NotFoundError(`No conference ${id}`)
  if (!CHANGEABLE_KINDS.includes(c.kind))
    throw new ProtectionStateError('This conference cannot be cancelled or re-arranged.')
  if (c.held_at !== null) throw new ProtectionStateError('This conference has been held.')
  if (c.cancelled_at !== null) throw new ProtectionStateError('This conference was cancelled.')
  const childIds = await store.conferenceChildIds(trx, id)
  for (const childId of childIds)
    if (!(await mayEdit(trx, actor, childId, now)))
      throw new NotAllowedError('You cannot change a conference for a child whose record you cannot change.')
  return { conference: c, childIds }
}

/**
 * Cancels an arranged conference with the reason: it stays on the record, marked cancelled.
 *
 * A review or transfer-in: no clock changes. The review clock runs from the plan's start or last
 * review and the transfer-in clock from the notification, so both keep running and a new
 * conference can be arranged (a review from the plan, a transfer-in from its notification).
 *
 * An initial conference: its clock (`icpc-15wd`, one per child's enquiry) runs from the strategy
 * discussion, not from the conference, and only an authorised enquiry outcome says whether a
 * conference is needed. So the cancelling worker says which holds now:
 * - still needed (the usual case: the chair is ill, the family asked to move it): nothing about
 *   the clock changes. Each enquiry goes back to awaiting a conference, its page offers to
 *   arrange another, and the task stays open with its original due time, closed when that
 *   conference is held. The task never vanishes and always has one thing to do.
 * - no longer needed (new information, the family has left the area): that changes the
 *   enquiries' authorised outcome, so only a manager (`child.allocate` on every child, as the
 *   outcome's authorisation) may say it. Each enquiry then ends with no conference, with the
 *   reason: `s47.ended_no_conference` cancels its clock, so the task closes with a recorded
 *   reason rather than staying open with nothing to do.
 */
export async function cancelConference(
  deps: ProtectionDeps,
  actor: Actor,
  id: number,
  input: CancelInput,
  audit: AuditContext,
) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now()
    const { conference, childIds } = await lockChangeable(trx, actor, id, now)
    const endsEnquiries = conference.kind === 'initial' && input.stillNeeded === false
    if (endsEnquiries)
      for (const childId of childIds)
        if (!allow(actor, 'child.allocate', await loadChildRecord(trx, childId), now).allowed)
          throw new ProtectionStateError(
            'Only a manager can decide that no initial conference is needed: select yes, or ask a manager to cancel it.',
            'stillNeeded',
          )
    await store.cancelConference(trx, id, input.reason, now)
    await recordForEachChild(trx, audit, childIds, () => ({
      event: {
        subjectType: CONFERENCE_SUBJECT,
        subjectId: id,
        type: 'conference.cancelled',
        occurredAt: now,
        summary: `${kindText(conference.kind)} arranged for ${longDate(londonDate(conference.scheduled_at.getTime()))} cancelled: ${input.reason}`,
        recordedBy: actor.id,
        attributes: { kind: conference.kind, stillNeeded: input.stillNeeded },
      },
      audit: {
        action: 'conference.cancel',
        recordType: CONFERENCE_SUBJECT,
        recordId: id,
        detail: { kind: conference.kind, reason: input.reason, stillNeeded: input.stillNeeded },
      },
    }))
    if (endsEnquiries) {
      const children = (await store.conferenceChildren(trx, id)).filter((c) => c.s47_id !== null)
      for (const c of children) await s47Store.conferenceNoLongerNeeded(trx, c.s47_id as number, input.reason)
      await recordForEachChild(
        trx,
        audit,
        children.map((c) => c.child_id),
        (_, i) => {
          const s47Id = children[i]?.s47_id as number
          return {
            event: {
              subjectType: S47_SUBJECT,
              subjectId: s47Id,
              type: 's47.ended_no_conference',
              occurredAt: now,
              summary: `Section 47 enquiry ended: no initial conference needed after all (${input.reason})`,
              recordedBy: actor.id,
              attributes: { conferenceId: id, reason: input.reason },
            },
            audit: {
              action: 's47.conference_not_needed',
              recordType: S47_SUBJECT,
              recordId: s47Id,
              detail: { conferenceId: id, reason: input.reason },
            },
          }
        },
      )
    }
    return { kind: conference.kind }
  })
}

/**
 * Moves an arranged conference to another date and time, under the rules its arranging had: an
 * initial conference never before a child's enquiry started (the strategy discussion), a review
 * never before a child's plan started or last review, a transfer-in never before the
 * notification. The chair and the partners invited with a Haven account keep their access until
 * 10 working days after the new date when it is later. No clock changes: each runs from the
 * discussion, the plan or the notification, so an initial conference moved past its 15 working
 * days is late and its task stays open, due when it was.
 */
export async function rearrangeConference(
  deps: ProtectionDeps,
  actor: Actor,
  id: number,
  input: RearrangeInput,
  audit: AuditContext,
) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now()
    const { conference, childIds } = await lockChangeable(trx, actor, id, now)
    if (conference.kind === 'initial') {
      const children = await store.conferenceChildren(trx, id)
      const problem = conferenceDateProblem(
        input.scheduledOn,
        children.map((ch) => ({ name: `${ch.given_name} ${ch.family_name}`, s47StartDate: ch.s47StartDate })),
      )
      if (problem) throw new ProtectionStateError(problem, 'scheduled-day')
    } else if (conference.kind === 'review') {
      const children = (await reviewStore.openPlansOf(trx, childIds)).map((p) => ({
        childId: p.child_id,
        name: `${p.given_name} ${p.family_name}`,
        startDate: p.start_date,
        lastReview: p.last_review ?? null,
      }))
      const problem = reviewDateProblem(input.scheduledOn, children)
      if (problem) throw new ProtectionStateError(problem, 'scheduled-day')
    } else {
      const transfer = await transferStore.transferInOfConference(trx, id)
      const problem = transfer && transferConferenceDateProblem(input.scheduledOn, transfer.notified_on)
      if (problem) throw new ProtectionStateError(problem, 'scheduled-day')
    }
    const from = londonDate(conference.scheduled_at.getTime())
    await store.rescheduleConference(trx, id, input.scheduledAt)
    const calendar = await loadWorkingCalendar(trx)
    const until = accessUntil(calendar, input.scheduledOn)
    if (input.scheduledOn > from) {
      const accounts = await store.invitedAccounts(trx, id)
      for (const userId of [conference.chair_id, ...accounts])
        for (const childId of childIds)
          await grantAccess(trx, {
            childId,
            userId,
            basis: 'process_participant',
            grantedBy: actor.id,
            expiresAt: until,
            reason: `Conference ${id} re-arranged`,
          })
      await store.extendInvitationAccess(trx, id, until)
    }
    await recordForEachChild(trx, audit, childIds, () => ({
      event: {
        subjectType: CONFERENCE_SUBJECT,
        subjectId: id,
        type: 'conference.rearranged',
        occurredAt: now,
        summary: `${kindText(conference.kind)} re-arranged from ${longDate(from)} to ${longDate(input.scheduledOn)}`,
        recordedBy: actor.id,
        attributes: { kind: conference.kind, from, to: input.scheduledOn },
      },
      audit: {
        action: 'conference.rearrange',
        recordType: CONFERENCE_SUBJECT,
        recordId: id,
        detail: {
          kind: conference.kind,
          from: conference.scheduled_at.toISOString(),
          to: input.scheduledAt.toISOString(),
        },
      },
    }))
    return { kind: conference.kind, scheduledOn: input.scheduledOn }
  })
}

/** Referrals, their allocation, and the assessments, enquiries and plans that followed. */
import { type IsoDate, addCalendarDays, londonDate } from '../../platform/calendar/dates.js'

import { signOffSubjectId, SIGN_OFF_SUBJECT } from '../../platform/signoff/service.js'
import { previousReferralWithin12Months } from '../frontdoor/model.js'
import { addWorkingDays } from './dates.js'
import { CLOSURE_REASONS } from './frontdoor-text.js'
import { type CpPlan, type Referral } from './population.js'
import { type Random, streamFor } from './random.js'
import { type StaffRow, type TeamRow } from './load-setup.js'
import {
  Batch,
  type ChildState,
  type ContactPlan,
  DAY,
  HOUR,
  MINUTE,
  type Segment,
  at,
  ownerAt,
} from './load-batch.js'
import { writeStrategyDiscussion } from './load-strategy.js'
import { writeAssessment, writeCpPlan, writeSection47 } from './load-casework.js'
import { writeCinPlan } from './load-cin.js'

export function addReferrals(batch: Batch, state: ChildState, plans: ContactPlan[][]): void {
  const { ctx } = batch
  const { child } = state
  const random = streamFor(ctx.seed, 'load', 'referrals', child.laChildId, child.familyId)
  const linked = closedContactsByReferral(state, plans)
  const earlier: { id: number; referralDate: IsoDate }[] = []
  const spans: CaseSpan[] = []
  for (const r of byReferralDate(child.referrals)) {
    const c = openReferral(batch, state, r, linked.get(r) ?? null, earlier, random)
    spans.push({ referralId: c.id, from: c.created, to: c.closed ? (c.closedAt as number) : Infinity })
    if (!c.closed) batch.openReferrals++
    writeReferral(batch, state, c)
    recordReferral(batch, state, c)
    if (c.strategy) holdStrategyDiscussion(batch, state, c, random)
    addAssessments(batch, state, c, random)
    addSection47s(batch, state, c, random)
    addCpPlans(batch, state, c, random)
    addCinPlans(batch, state, c, random)
    if (c.closed)
      batch.event(
        state,
        'referral',
        c.id,
        'referral.closed',
        c.closedAt as number,
        `Case closed: ${CLOSURE_REASONS[r.closureReason ?? 'RC7'] ?? 'closed'}`,
        c.team.managerUserId,
        { reason: r.closureReason, nfa: r.nfa },
      )
  }
  moveWithSocialWorkers(batch, state, spans, random)
  oneHolderAtATime(state)
  // An open referral's worker is whoever holds the case now.
  const now = ownerAt(state, ctx.capMs)
  if (now !== null && now.userId !== null) {
    for (const row of batch.referrals) {
      if (row[1] === state.personId && row[9] === 'allocated') {
        row[10] = now.teamId
        row[11] = now.userId
      }
    }
  }
}

/** While a referral was open: a later change of social worker is recorded against it. */
interface CaseSpan {
  referralId: number
  from: number
  to: number
}

/** One referral as loaded: who handled it, and when it was made, allocated and closed. */
interface ReferralCase {
  id: number
  referral: Referral
  plan: ContactPlan | null
  source: string
  previous: { id: number } | null
  team: TeamRow
  worker: StaffRow
  /** Who decided on the contact that led to it (the manager who authorised it), if one did. */
  by: number | null
  strategy: boolean
  /** When its strategy discussion was held (or will be, if after `asOf`). */
  strategyHeldAt: number | null
  /** The held strategy discussion that started a section 47 enquiry, and whether jointly with the police. */
  s47From: { id: number; joint: boolean } | null
  /** The initial conference the enquiry led to, which starts the CP plan. */
  conferenceId: number | null
  /** The records a CIN plan may follow: the referral's assessment, its CP plan (once written). */
  assessmentId: number | null
  cpPlanId: number | null
  created: number
  closedAt: number | null
  closed: boolean
  awaiting: boolean
  allocatedAt: number | null
}

/** The decided contact each referral came from. */
function closedContactsByReferral(state: ChildState, plans: ContactPlan[][]): Map<Referral, ContactPlan> {
  const linked = new Map<Referral, ContactPlan>()
  for (const group of plans)
    for (const p of group) if (p.state === state && p.referral !== null && !p.open) linked.set(p.referral, p)
  return linked
}

function byReferralDate(referrals: Referral[]): Referral[] {
  return [...referrals].sort((a, b) =>
    a.referralDate < b.referralDate ? -1 : a.referralDate > b.referralDate ? 1 : 0,
  )
}

/** Dates the referral, finds its team and worker, and gives the case to them (or to the team's tray). */
function openReferral(
  batch: Batch,
  state: ChildState,
  r: Referral,
  plan: ContactPlan | null,
  earlier: { id: number; referralDate: IsoDate }[],
  random: Random,
): ReferralCase {
  const { ctx } = batch
  const id = batch.ids.referral.take()
  const onTheDay = at(r.referralDate, random.int(600, 900))
  const decidedAt = plan?.decidedAt ?? null
  const created =
    decidedAt !== null && londonDate(decidedAt) === r.referralDate
      ? decidedAt
      : Math.max(onTheDay, decidedAt ?? 0)
  const previous = previousReferralWithin12Months(r.referralDate, earlier)
  earlier.push({ id, referralDate: r.referralDate })
  if (previous !== null) batch.reReferrals++
  const team = ctx.setup.teams.get(r.teamId)
  const worker = ctx.setup.staff.get(r.workerId)
  if (team === undefined || worker === undefined)
    throw new Error(`Unknown team or worker on a referral: ${r.teamId}`)
  const closedAt =
    r.closureDate === null ? null : Math.max(at(r.closureDate, random.int(900, 1020)), created + HOUR)
  const closed = closedAt !== null && closedAt <= ctx.capMs
  const strategy = r.section47s.length > 0 || plan?.decision === 'strategy_discussion'
  const awaiting = !closed && !r.nfa && r.referralDate >= addCalendarDays(ctx.end, -3) && random.chance(0.35)
  const allocatedAt =
    r.nfa || awaiting ? null : Math.min(created + random.int(1, 30) * HOUR, closedAt ?? ctx.capMs, ctx.capMs)
  const c: ReferralCase = {
    id,
    referral: r,
    plan,
    source: plan?.contact.source ?? r.source,
    previous,
    team,
    worker,
    by: plan?.authoriser ?? null,
    strategy,
    strategyHeldAt: null,
    s47From: null,
    conferenceId: null,
    assessmentId: null,
    cpPlanId: null,
    created,
    closedAt,
    closed,
    awaiting,
    allocatedAt,
  }
  holdCase(state, c)
  return c
}

function holdCase(state: ChildState, c: ReferralCase): void {
  if (c.allocatedAt !== null)
    state.segments.push({
      from: c.allocatedAt,
      to: c.closed ? (c.closedAt as number) : Infinity,
      userId: c.worker.userId,
      teamId: c.team.id,
      closedBy: 'closure',
    })
  if (c.awaiting)
    state.segments.push({
      from: c.created,
      to: Infinity,
      userId: null,
      teamId: c.team.id,
      closedBy: 'closure',
    })
}

/** The referral as its table holds it. */
function writeReferral(batch: Batch, state: ChildState, c: ReferralCase): void {
  const { referral: r, plan, team, worker, allocatedAt, closed } = c
  batch.referrals.push([
    c.id,
    state.personId,
    plan?.ccId ?? null,
    r.referralDate,
    c.source,
    c.previous !== null,
    c.previous?.id ?? null,
    r.nfa,
    c.strategy,
    closed ? 'closed' : c.awaiting ? 'awaiting_allocation' : 'allocated',
    team.id,
    allocatedAt === null ? null : worker.userId,
    allocatedAt === null ? null : team.managerUserId,
    allocatedAt === null ? null : new Date(allocatedAt),
    closed ? new Date(c.closedAt as number) : null,
    closed ? (CLOSURE_REASONS[r.closureReason ?? 'RC7'] ?? 'Case closed') : null,
    closed ? (r.closureReason ?? 'RC7') : null,
    c.by,
    new Date(c.created),
  ])
}

/** The referral's first entries in the case history: made, then allocated. */
function recordReferral(batch: Batch, state: ChildState, c: ReferralCase): void {
  const { id, previous, team, worker } = c
  batch.event(
    state,
    'referral',
    id,
    'referral.created',
    c.created,
    previous
      ? 'Referral to children’s social care (a re-referral within 12 months)'
      : 'Referral to children’s social care',
    c.by,
    {
      source: c.source,
      reReferral: previous !== null,
    },
  )
  if (c.allocatedAt !== null)
    batch.event(
      state,
      'referral',
      id,
      'referral.allocated',
      c.allocatedAt,
      `Allocated to ${worker.name}, ${team.name}`,
      team.managerUserId,
      {
        workerId: worker.userId,
        teamId: team.id,
      },
    )
}

/**
 * The strategy discussion: its protection record and its events, whose subject is that record.
 * Held before any section 47 enquiry starts and before the case could close; a recent one may
 * not be held yet, its 24-hour clock running.
 */
function holdStrategyDiscussion(batch: Batch, state: ChildState, c: ReferralCase, random: Random): void {
  const { created } = c
  const s47 = c.referral.section47s[0]
  let held = Math.max(
    created + random.int(2, 20) * HOUR,
    s47 ? at(s47.strategyDiscussion, random.int(600, 1000)) : 0,
  )
  if (c.closed) held = Math.max(created + 30 * MINUTE, Math.min(held, (c.closedAt as number) - 30 * MINUTE))
  // Asked for in the last two days: some are still to be held (and any enquiry waits for them).
  const { capMs } = batch.ctx
  const planBegun = c.referral.cpPlans.some((p) => at(p.start, 0) <= capMs)
  if (!c.closed && !planBegun && created > capMs - 2 * DAY && held <= capMs)
    if (streamFor(batch.ctx.seed, 'load', 'strategy-waiting', c.id).chance(0.5)) held = capMs + HOUR
  const requestedBy = c.by ?? c.team.managerUserId
  const holder = c.allocatedAt !== null && c.allocatedAt <= held ? c.worker : null
  const sd = writeStrategyDiscussion(batch, state, {
    referralId: c.id,
    referral: c.referral,
    requestedBy,
    requestedAt: created,
    heldAt: held,
    recordedBy: holder?.userId ?? c.team.managerUserId,
    chair: holder ?? c.worker,
  })
  c.strategyHeldAt = held
  if (sd.held && (sd.outcome === 's47_joint' || sd.outcome === 's47_single'))
    c.s47From = { id: sd.id, joint: sd.outcome === 's47_joint' }
  batch.event(
    state,
    'strategy_discussion',
    sd.id,
    'strategy_discussion.requested',
    created,
    'Strategy discussion requested',
    requestedBy,
    { referralId: c.id },
  )
  batch.event(
    state,
    'strategy_discussion',
    sd.id,
    'strategy_discussion.held',
    held,
    sd.summary,
    holder?.userId ?? c.team.managerUserId,
    { referralId: c.id, outcome: sd.outcome },
  )
}

function addAssessments(batch: Batch, state: ChildState, c: ReferralCase, random: Random): void {
  c.referral.assessments.forEach((a, k) => {
    const started = Math.max(at(a.start, random.int(540, 960)), c.created)
    const authorisedAt =
      a.authorised === null ? null : Math.max(at(a.authorised, random.int(600, 1020)), started + HOUR)
    // One assessment per referral is the module's rule (a second would count twice in the census).
    const written =
      k === 0
        ? writeAssessment(
            batch,
            state,
            {
              referralId: c.id,
              referral: c.referral,
              assessment: a,
              startedAt: started,
              authorisedAt,
              workerId: c.worker.userId,
              managerId: c.team.managerUserId,
            },
            streamFor(batch.ctx.seed, 'load', 'assessment', c.id),
          )
        : null
    if (written) c.assessmentId = written.id
    const subject = written?.id ?? `${c.id}-${k + 1}`
    batch.event(
      state,
      'assessment',
      subject,
      'assessment.started',
      started,
      'Child and family assessment started',
      c.worker.userId,
    )
    // Sent to the manager and waiting: the platform's sign-off step, its task on the manager's list.
    if (written?.sentAt != null)
      batch.event(
        state,
        SIGN_OFF_SUBJECT,
        signOffSubjectId('assessment', written.id),
        'sign_off.asked',
        written.sentAt,
        'Sent for authorisation: Child and family assessment',
        c.worker.userId,
        { signOffId: written.signOffId },
      )
    if (authorisedAt !== null)
      batch.event(
        state,
        'assessment',
        subject,
        'assessment.authorised',
        authorisedAt,
        'Assessment authorised by the team manager',
        c.team.managerUserId,
        { factors: a.factors },
      )
  })
}

function addSection47s(batch: Batch, state: ChildState, c: ReferralCase, random: Random): void {
  c.referral.section47s.forEach((s, k) => {
    // The first enquiry starts after the strategy discussion that decided on it.
    const started = Math.max(
      at(s.start, random.int(660, 1000)),
      c.created + HOUR,
      k === 0 && c.strategyHeldAt !== null ? c.strategyHeldAt + HOUR : 0,
    )
    const icpcAt = s.icpc === null ? null : Math.max(at(s.icpc, random.int(570, 840)), started + HOUR)
    const endedAt =
      s.icpc === null && s.icpcNotRequired && s.completed !== null
        ? Math.max(at(s.completed, random.int(600, 1000)), started + HOUR)
        : null
    // The enquiry's record is the one its held strategy discussion started.
    const from = k === 0 && c.s47From !== null && started <= batch.ctx.capMs ? c.s47From : null
    const record = from
      ? writeSection47(
          batch,
          state,
          {
            strategyDiscussionId: from.id,
            heldAt: c.strategyHeldAt as number,
            joint: from.joint,
            s47: s,
            plan: c.referral.cpPlans[0] ?? null,
            icpcAt,
            completedAt: icpcAt ?? endedAt,
            workerId: c.worker.userId,
            managerId: c.team.managerUserId,
          },
          streamFor(batch.ctx.seed, 'load', 's47', c.id),
        )
      : null
    if (record) c.conferenceId = record.conferenceId
    const subject = record?.id ?? `${c.id}-${k + 1}`
    batch.event(state, 's47', subject, 's47.started', started, 'Section 47 enquiry started', c.worker.userId)
    if (icpcAt !== null)
      batch.event(
        state,
        's47',
        subject,
        'icpc.held',
        icpcAt,
        'Initial child protection conference held',
        c.team.managerUserId,
      )
    else if (endedAt !== null)
      batch.event(
        state,
        's47',
        subject,
        's47.ended_no_conference',
        endedAt,
        'Section 47 enquiry ended: no conference needed',
        c.team.managerUserId,
      )
  })
}

function addCpPlans(batch: Batch, state: ChildState, c: ReferralCase, random: Random): void {
  const manager = c.team.managerUserId
  c.referral.cpPlans.forEach((p, k) => {
    const started = at(p.start, random.int(850, 900))
    const reviews = p.reviews.map((review) => at(review, random.int(570, 900)))
    const open = p.end === null
    const { visits, groups } = open ? cpVisitAndCoreGroupTimes(batch, p, random) : { visits: [], groups: [] }
    const endedAt = open ? null : at(p.end as IsoDate, random.int(900, 1000))
    // The plan's record, started by the enquiry's initial conference (one plan per referral).
    const id =
      k === 0 && started <= batch.ctx.capMs
        ? writeCpPlan(
            batch,
            state,
            {
              referralId: c.id,
              conferenceId: c.conferenceId,
              plan: p,
              startedAt: started,
              endedAt,
              reviewsAt: reviews,
              visitsAt: visits,
              groupsAt: groups,
              workerId: c.worker.userId,
              managerId: manager,
            },
            streamFor(batch.ctx.seed, 'load', 'cp-plan', c.id),
          )
        : null
    if (id !== null) c.cpPlanId = id
    const subject = id ?? `${c.id}-${k + 1}`
    batch.event(
      state,
      'cp_plan',
      subject,
      'cp_plan.started',
      started,
      `Child protection plan started (${p.initialCategory})`,
      manager,
      { category: p.initialCategory },
    )
    for (const review of reviews)
      batch.event(
        state,
        'cp_plan',
        subject,
        'cp_review.held',
        review,
        'Child protection review conference held',
        manager,
      )
    for (const visit of visits)
      batch.event(
        state,
        'cp_plan',
        subject,
        'cp_visit.held',
        visit,
        'Child protection visit: child seen',
        c.worker.userId,
      )
    for (const group of groups)
      batch.event(
        state,
        'cp_plan',
        subject,
        'core_group.held',
        group,
        'Core group meeting held',
        c.worker.userId,
      )
    if (endedAt !== null)
      batch.event(state, 'cp_plan', subject, 'cp_plan.ended', endedAt, 'Child protection plan ended', manager)
  })
}

/** When a running plan's visits and core groups were held, so its clocks show as they would. */
function cpVisitAndCoreGroupTimes(
  batch: Batch,
  p: CpPlan,
  random: Random,
): { visits: number[]; groups: number[] } {
  const endDay = batch.ctx.end
  const visits: number[] = []
  let visit = addWorkingDays(p.start, random.int(3, 10))
  while (visit <= endDay) {
    visits.push(at(visit, random.int(540, 1020)))
    visit = addWorkingDays(visit, random.chance(0.9) ? random.int(6, 10) : random.int(11, 14))
  }
  const groups: number[] = []
  let group = addWorkingDays(p.start, random.int(5, 10))
  while (group <= endDay) {
    groups.push(at(group, random.int(570, 900)))
    group = addCalendarDays(group, random.chance(0.9) ? random.int(21, 28) : random.int(29, 40))
  }
  return { visits, groups }
}

/**
 * The referral's CIN plan (one at most) as its record (load-cin.ts): from the CP plan it steps
 * down from, else from the assessment. The referral's stream draws its times as it always has.
 */
function addCinPlans(batch: Batch, state: ChildState, c: ReferralCase, random: Random): void {
  for (const p of c.referral.cinPlans) {
    const startedAt = at(p.start, random.int(600, 960))
    const endedAt = p.end === null ? null : at(p.end, random.int(600, 960))
    const source =
      c.cpPlanId !== null
        ? { kind: 'cp_plan' as const, id: c.cpPlanId }
        : c.assessmentId !== null
          ? { kind: 'assessment' as const, id: c.assessmentId }
          : null
    if (source === null) throw new Error(`A CIN plan on referral ${c.id} follows nothing written`)
    writeCinPlan(batch, state, {
      referralId: c.id,
      referral: c.referral,
      plan: p,
      source,
      startedAt,
      endedAt,
      workerId: c.worker.userId,
      managerId: c.team.managerUserId,
    })
  }
}

/** Children in care change social worker now and then: the case moves with them. */
function moveWithSocialWorkers(batch: Batch, state: ChildState, spans: CaseSpan[], random: Random): void {
  const { ctx } = batch
  for (const spell of state.child.socialWorkers) {
    const worker = ctx.setup.staff.get(spell.workerId)
    if (worker === undefined) continue
    // Given the worker that day, and by the load's moment when care began on its day.
    const from = Math.min(at(spell.start, random.int(600, 900)), Math.max(ctx.capMs, at(spell.start, 0)))
    const to = spell.end === null ? Infinity : at(spell.end, random.int(600, 900))
    if (from > ctx.capMs) continue
    state.segments.push({
      from,
      to: to > ctx.capMs ? Infinity : to,
      userId: worker.userId,
      teamId: worker.teamId,
      closedBy: 'transfer',
      swReason: spell.reason,
    })
    const span = spans.find((s) => s.from <= from && from < s.to)
    if (span) {
      const team = ctx.setup.teamsById.get(worker.teamId)
      batch.event(
        state,
        'referral',
        span.referralId,
        'referral.allocated',
        from,
        `Allocated to ${worker.name}${team ? `, ${team.name}` : ''}`,
        team?.managerUserId ?? null,
        {
          workerId: worker.userId,
          teamId: worker.teamId,
        },
      )
    }
  }
}

/**
 * One holder at a time: each worker's allocation ends when the next worker's begins. A referral
 * awaiting allocation holds the child (its team's queue) only while no worker does: it never takes
 * the child from the worker who has them, so a child who comes into care keeps the worker given
 * that day even when a referral about them waits for allocation (SW12STG2: the child looked after
 * has a social worker from the start of care).
 */
export function oneHolderAtATime(state: ChildState): void {
  const held = mergeHolders(state.segments.filter((s) => s.userId !== null))
  const waiting = mergeHolders(state.segments.filter((s) => s.userId === null))
  const unheld = waiting.flatMap((w) => outside(w, held))
  state.segments = [...held, ...unheld].sort((a, b) => a.from - b.from)
}

/** Sorted, each ending where the next begins; one holder's overlapping segments joined. */
function mergeHolders(segments: readonly Segment[]): Segment[] {
  const merged: Segment[] = []
  for (const s of [...segments].sort((a, b) => a.from - b.from)) {
    const last = merged.at(-1)
    if (last !== undefined && last.to > s.from) {
      if (last.userId === s.userId && last.teamId === s.teamId) {
        last.to = Math.max(last.to, s.to)
        continue
      }
      last.to = s.from
      last.closedBy = 'transfer'
    }
    if (s.to > s.from) merged.push({ ...s })
  }
  return merged.filter((s) => s.to > s.from)
}

/** The parts of `w` no segment of `held` (sorted, not overlapping) covers; a part cut short by a worker is a transfer. */
function outside(w: Segment, held: readonly Segment[]): Segment[] {
  const parts: Segment[] = []
  let from = w.from
  for (const h of held) {
    if (h.to <= from || h.from >= w.to) continue
    if (h.from > from) parts.push({ ...w, from, to: h.from, closedBy: 'transfer' })
    from = Math.max(from, h.to)
  }
  if (from < w.to) parts.push({ ...w, from })
  return parts
}

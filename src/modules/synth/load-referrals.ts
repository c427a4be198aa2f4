/** Referrals, their allocation, and the assessments, enquiries and plans that followed. */
import { type IsoDate, addCalendarDays, londonDate } from '../../platform/calendar/dates.js'

import { previousReferralWithin12Months } from '../frontdoor/model.js'
import { addWorkingDays } from './dates.js'
import { CLOSURE_REASONS } from './frontdoor-text.js'
import { type Referral } from './population.js'
import { streamFor } from './random.js'
import { Batch, type ChildState, type ContactPlan, HOUR, type Segment, at, ownerAt } from './load-batch.js'

export function addReferrals(batch: Batch, state: ChildState, plans: ContactPlan[][]): void {
  const { ctx } = batch
  const { child } = state
  const random = streamFor(ctx.seed, 'load', 'referrals', child.laChildId, child.familyId)
  const linked = new Map<Referral, ContactPlan>()
  for (const group of plans)
    for (const p of group) if (p.state === state && p.referral !== null && !p.open) linked.set(p.referral, p)
  const earlier: { id: number; referralDate: IsoDate }[] = []
  const sorted = [...child.referrals].sort((a, b) =>
    a.referralDate < b.referralDate ? -1 : a.referralDate > b.referralDate ? 1 : 0,
  )
  const spans: { referralId: number; from: number; to: number }[] = []
  for (const r of sorted) {
    const id = batch.ids.referral.take()
    const plan = linked.get(r) ?? null
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
    const source = plan?.contact.source ?? r.source
    const closedAt =
      r.closureDate === null ? null : Math.max(at(r.closureDate, random.int(900, 1020)), created + HOUR)
    const closed = closedAt !== null && closedAt <= ctx.capMs
    const strategy = r.section47s.length > 0 || plan?.decision === 'strategy_discussion'
    const awaiting =
      !closed && !r.nfa && r.referralDate >= addCalendarDays(ctx.end, -3) && random.chance(0.35)
    const allocatedAt =
      r.nfa || awaiting
        ? null
        : Math.min(created + random.int(1, 30) * HOUR, closedAt ?? ctx.capMs, ctx.capMs)
    if (allocatedAt !== null)
      state.segments.push({
        from: allocatedAt,
        to: closed ? (closedAt as number) : Infinity,
        userId: worker.userId,
        teamId: team.id,
        closedBy: 'closure',
      })
    if (awaiting)
      state.segments.push({ from: created, to: Infinity, userId: null, teamId: team.id, closedBy: 'closure' })
    spans.push({ referralId: id, from: created, to: closed ? (closedAt as number) : Infinity })
    if (!closed) batch.openReferrals++

    batch.referrals.push([
      id,
      state.personId,
      plan?.ccId ?? null,
      r.referralDate,
      source,
      previous !== null,
      previous?.id ?? null,
      r.nfa,
      strategy,
      closed ? 'closed' : awaiting ? 'awaiting_allocation' : 'allocated',
      team.id,
      allocatedAt === null ? null : worker.userId,
      allocatedAt === null ? null : team.managerUserId,
      allocatedAt === null ? null : new Date(allocatedAt),
      closed ? new Date(closedAt as number) : null,
      closed ? (CLOSURE_REASONS[r.closureReason ?? 'RC7'] ?? 'Case closed') : null,
      plan?.decider ?? null,
      new Date(created),
    ])

    const by = plan?.decider ?? null
    batch.event(
      state,
      'referral',
      id,
      'referral.created',
      created,
      previous
        ? 'Referral to children’s social care (a re-referral within 12 months)'
        : 'Referral to children’s social care',
      by,
      {
        source,
        reReferral: previous !== null,
      },
    )
    if (allocatedAt !== null)
      batch.event(
        state,
        'referral',
        id,
        'referral.allocated',
        allocatedAt,
        `Allocated to ${worker.name}, ${team.name}`,
        team.managerUserId,
        {
          workerId: worker.userId,
          teamId: team.id,
        },
      )
    if (strategy) {
      batch.event(
        state,
        'strategy_discussion',
        id,
        'strategy_discussion.requested',
        created,
        'Strategy discussion requested',
        by,
      )
      const s47 = r.section47s[0]
      const held = Math.max(
        created + random.int(2, 20) * HOUR,
        s47 ? at(s47.strategyDiscussion, random.int(600, 1000)) : 0,
      )
      batch.event(
        state,
        'strategy_discussion',
        id,
        'strategy_discussion.held',
        held,
        'Strategy discussion held with police and health',
        worker.userId,
      )
    }
    r.assessments.forEach((a, k) => {
      const subject = `${id}-${k + 1}`
      const started = Math.max(at(a.start, random.int(540, 960)), created)
      batch.event(
        state,
        'assessment',
        subject,
        'assessment.started',
        started,
        'Child and family assessment started',
        worker.userId,
      )
      if (a.authorised !== null)
        batch.event(
          state,
          'assessment',
          subject,
          'assessment.authorised',
          Math.max(at(a.authorised, random.int(600, 1020)), started + HOUR),
          'Assessment authorised by the team manager',
          team.managerUserId,
          { factors: a.factors },
        )
    })
    r.section47s.forEach((s, k) => {
      const subject = `${id}-${k + 1}`
      const started = Math.max(at(s.start, random.int(660, 1000)), created + HOUR)
      batch.event(state, 's47', subject, 's47.started', started, 'Section 47 enquiry started', worker.userId)
      if (s.icpc !== null)
        batch.event(
          state,
          's47',
          subject,
          'icpc.held',
          Math.max(at(s.icpc, random.int(570, 840)), started + HOUR),
          'Initial child protection conference held',
          team.managerUserId,
        )
      else if (s.icpcNotRequired && s.completed !== null)
        batch.event(
          state,
          's47',
          subject,
          's47.ended_no_conference',
          Math.max(at(s.completed, random.int(600, 1000)), started + HOUR),
          'Section 47 enquiry ended: no conference needed',
          team.managerUserId,
        )
    })
    r.cpPlans.forEach((p, k) => {
      const subject = `${id}-${k + 1}`
      const started = at(p.start, random.int(850, 900))
      batch.event(
        state,
        'cp_plan',
        subject,
        'cp_plan.started',
        started,
        `Child protection plan started (${p.initialCategory})`,
        team.managerUserId,
        { category: p.initialCategory },
      )
      for (const review of p.reviews)
        batch.event(
          state,
          'cp_plan',
          subject,
          'cp_review.held',
          at(review, random.int(570, 900)),
          'Child protection review conference held',
          team.managerUserId,
        )
      const endDay = p.end ?? ctx.end
      if (p.end === null) {
        // Visits and core groups of a plan still running, so its clocks show as they would.
        let visit = addWorkingDays(p.start, random.int(3, 10))
        while (visit <= endDay) {
          batch.event(
            state,
            'cp_plan',
            subject,
            'cp_visit.held',
            at(visit, random.int(540, 1020)),
            'Child protection visit: child seen alone',
            worker.userId,
          )
          visit = addWorkingDays(visit, random.chance(0.9) ? random.int(6, 10) : random.int(11, 14))
        }
        let group = addWorkingDays(p.start, random.int(5, 10))
        while (group <= endDay) {
          batch.event(
            state,
            'cp_plan',
            subject,
            'core_group.held',
            at(group, random.int(570, 900)),
            'Core group meeting held',
            worker.userId,
          )
          group = addCalendarDays(group, random.chance(0.9) ? random.int(21, 28) : random.int(29, 40))
        }
      } else
        batch.event(
          state,
          'cp_plan',
          subject,
          'cp_plan.ended',
          at(p.end, random.int(900, 1000)),
          'Child protection plan ended',
          team.managerUserId,
        )
    })
    r.cinPlans.forEach((p, k) => {
      const subject = `${id}-${k + 1}`
      batch.event(
        state,
        'cin_plan',
        subject,
        'cin_plan.started',
        at(p.start, random.int(600, 960)),
        'Child in need plan started',
        worker.userId,
      )
      if (p.end !== null)
        batch.event(
          state,
          'cin_plan',
          subject,
          'cin_plan.ended',
          at(p.end, random.int(600, 960)),
          'Child in need plan ended',
          worker.userId,
        )
    })
    if (closed)
      batch.event(
        state,
        'referral',
        id,
        'referral.closed',
        closedAt as number,
        `Case closed: ${CLOSURE_REASONS[r.closureReason ?? 'RC7'] ?? 'closed'}`,
        team.managerUserId,
        { reason: r.closureReason, nfa: r.nfa },
      )
  }

  // Children in care change social worker now and then: the case moves with them.
  for (const spell of child.socialWorkers) {
    const worker = ctx.setup.staff.get(spell.workerId)
    if (worker === undefined) continue
    const from = at(spell.start, random.int(600, 900))
    const to = spell.end === null ? Infinity : at(spell.end, random.int(600, 900))
    if (from > ctx.capMs) continue
    state.segments.push({
      from,
      to: to > ctx.capMs ? Infinity : to,
      userId: worker.userId,
      teamId: worker.teamId,
      closedBy: 'transfer',
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
  // One holder at a time: each allocation ends when the next begins.
  state.segments.sort((a, b) => a.from - b.from)
  const merged: Segment[] = []
  for (const s of state.segments) {
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
  state.segments = merged.filter((s) => s.to > s.from)
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

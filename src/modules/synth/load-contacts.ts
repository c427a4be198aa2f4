/** The front door: each child's contacts, their triage, decisions and agency checks. */
import { type IsoDate } from '../../platform/calendar/dates.js'
import type { ContactDecision as MashDecision, Rag } from '../../platform/db/schema.js'

/** A MASH decision, or passing a contact about a child with an open case to its worker. */
type ContactDecision = MashDecision | 'passed_to_allocated_worker'
import { agencyCheckSummary } from '../frontdoor/model.js'
import {
  AGENCY_CHECK_INFORMATION,
  CONSENT_REASONS,
  NFA_REASONS,
  OUT_OF_HOURS_ACTIONS,
  OVERSIGHT_NOTES,
  REFERRER_ROLES,
  TRANSFER_AUTHORITIES,
  contactReason,
  presentingNeeds,
} from './frontdoor-text.js'
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js'
import { streamFor } from './random.js'
import {
  Batch,
  type ChildState,
  type ContactPlan,
  DECISION_CODE,
  DECISION_LABEL,
  HOUR,
  MINUTE,
  REFERRAL_DECISIONS,
  SOURCE_LABEL,
  at,
  levelFor,
  minuteOfDay,
  ownerAt,
  referralsOfContacts,
  weekend,
} from './load-batch.js'

/** Each child's contacts, siblings' contacts on the same day made one contact about them all. */
export function planContacts(batch: Batch, states: ChildState[], familyKey: string): ContactPlan[][] {
  const { ctx } = batch
  const groups = new Map<IsoDate, ContactPlan[][]>()
  for (const state of states) {
    const matched = referralsOfContacts(state.child)
    for (const contact of state.child.contacts) {
      const referral = matched.get(contact) ?? null
      const plan: ContactPlan = {
        contact,
        state,
        ccId: 0,
        open: ctx.openContacts.has(contact),
        receivedAt: 0,
        ratedAt: null,
        decidedAt: null,
        decision: null,
        level: null,
        rag: null,
        decider: 0,
        referral,
      }
      const sameDay = groups.get(contact.receivedOn) ?? []
      const group = sameDay.find((g) => !g.some((p) => p.state === state))
      if (group) group.push(plan)
      else sameDay.push([plan])
      groups.set(contact.receivedOn, sameDay)
    }
  }
  const result: ContactPlan[][] = []
  for (const [day, sameDay] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    sameDay.forEach((group, g) => {
      const random = streamFor(ctx.seed, 'load', 'contact', familyKey, day, g)
      const first = group[0] as ContactPlan
      const police = first.contact.source === '6'
      const outOfHours = weekend(day) || (police ? random.chance(0.4) : random.chance(0.05))
      const minute = outOfHours
        ? random.chance(0.5)
          ? random.int(0, 470)
          : random.int(1050, 1430)
        : random.int(500, 1020)
      const receivedAt = at(day, minute)
      const decider = random.pick(ctx.setup.mashWorkers)
      for (const plan of group) {
        plan.ccId = batch.ids.contact_child.take()
        plan.receivedAt = receivedAt
        plan.decider = decider
        const c = plan.contact
        const rag: Rag = c.rag
        const ratedAt = receivedAt + random.int(rag === 'red' ? 10 : 20, rag === 'red' ? 45 : 150) * MINUTE
        if (plan.open) {
          if (random.chance(0.6) && ratedAt <= ctx.capMs) {
            plan.ratedAt = ratedAt
            plan.rag = rag
            plan.level = REFERRAL_DECISIONS.has(c.decision)
              ? rag === 'red'
                ? '4'
                : '3'
              : random.chance(0.5)
                ? '2'
                : '1'
          }
          continue
        }
        let decision = DECISION_CODE[c.decision]
        if (REFERRAL_DECISIONS.has(c.decision) && plan.referral === null) decision = 'early_help'
        plan.decision = decision
        plan.rag = rag
        plan.ratedAt = ratedAt
        plan.level = levelFor(random, decision, rag)
        const sameDayDecision =
          c.decidedOn <= c.receivedOn
            ? Math.min(
                ratedAt + random.int(20, rag === 'red' ? 120 : 360) * MINUTE,
                Math.max(ratedAt + 5 * MINUTE, at(day, 1430)),
              )
            : Math.max(at(c.decidedOn, random.int(540, 1020)), ratedAt + 5 * MINUTE)
        plan.decidedAt = Math.min(sameDayDecision, ctx.capMs)
      }
      result.push(group)
    })
  }
  return result
}
export function writeContacts(batch: Batch, plans: ContactPlan[][], familyKey: string): void {
  const { ctx } = batch
  for (const group of plans) {
    const first = group[0] as ContactPlan
    const contactId = batch.ids.contact.take()
    const random = streamFor(
      ctx.seed,
      'load',
      'contact-words',
      familyKey,
      first.contact.receivedOn,
      contactId % 7,
    )
    const source = first.contact.source
    const agencies = ctx.setup.agenciesBySource.get(source) ?? []
    const agencyId = agencies.length ? random.pick(agencies) : null
    const role = random.pick(REFERRER_ROLES[source] ?? ['Caller'])
    const anonymous = source === '9'
    const channel =
      source === '6'
        ? 'police_notification'
        : source.startsWith('1') || anonymous || source === '10'
          ? random.chance(0.85)
            ? 'phone'
            : random.pick(['in_person', 'letter', 'email'])
          : random.chance(0.5)
            ? 'partner_form'
            : random.chance(0.6)
              ? 'email'
              : 'phone'
    const needs = presentingNeeds(random, source)
    const red = group.some((p) => p.contact.rag === 'red')
    const consentRoll = random.next()
    const consent =
      consentRoll < 0.72
        ? 'given'
        : consentRoll < 0.8
          ? 'refused'
          : red || consentRoll < 0.9
            ? 'not_sought_risk'
            : 'overridden'
    const outOfHours =
      weekend(first.contact.receivedOn) ||
      minuteOfDay(first.receivedAt, first.contact.receivedOn) < 480 ||
      minuteOfDay(first.receivedAt, first.contact.receivedOn) >= 1050
    const recorder = first.decider
    batch.contacts.push([
      contactId,
      new Date(first.receivedAt),
      channel,
      outOfHours,
      outOfHours && random.chance(0.5) ? random.pick(OUT_OF_HOURS_ACTIONS) : null,
      source,
      anonymous
        ? null
        : `${random.pick(random.chance(0.7) ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${random.pick(FAMILY_NAMES)}`,
      anonymous ? null : role,
      agencyId,
      contactReason(
        needs,
        group.map((p) => p.state.child.givenName),
        anonymous ? 'An anonymous caller' : role,
      ),
      needs,
      consent,
      consent === 'not_sought_risk' || consent === 'overridden'
        ? random.pick(CONSENT_REASONS[consent])
        : null,
      needs.includes('3A') || needs.includes('3B'),
      recorder,
      new Date(Math.min(first.receivedAt + random.int(3, 40) * MINUTE, ctx.capMs)),
      new Date(first.receivedAt),
    ])
    for (const p of group) {
      const state = p.state
      let status: string
      let decision = p.decision
      let decider: number | null = p.decider
      let routedUser: number | null = null
      let routedTeam: number | null = null
      let route: 'mash' | 'allocated_worker' = 'mash'
      if (p.open) status = 'in_triage'
      else if (decision === 'passed_to_allocated_worker') {
        const owner = ownerAt(state, p.receivedAt)
        if (owner === null) {
          decision = 'information_and_advice'
          status = 'decided'
        } else {
          // Straight to the worker who holds the case, who takes it into the open case.
          route = 'allocated_worker'
          status = 'routed_to_allocated_worker'
          routedUser = owner.userId
          routedTeam = owner.teamId
          p.ratedAt = null
          p.rag = null
          p.level = null
          decider = owner.userId ?? ctx.setup.teamManagers.get(owner.teamId) ?? null
          const taken = p.receivedAt + random.int(2, 48) * HOUR
          if (decider === null || taken > ctx.capMs) {
            decision = null
            p.decidedAt = null
          } else p.decidedAt = taken
        }
      } else status = 'decided'
      if (p.open) batch.openContactChildren++
      const decided = decision !== null && p.decidedAt !== null
      const routed = decision === 'passed_to_allocated_worker'
      const feedbackAt =
        decided && !anonymous && source !== '10' && !routed
          ? (p.decidedAt as number) + random.int(1, 30) * HOUR
          : null
      const feedback = feedbackAt !== null && feedbackAt <= ctx.capMs && random.chance(0.9)
      const feedbackMethod =
        channel === 'partner_form' ? 'partner_portal' : channel === 'email' ? 'email' : 'phone'
      batch.contactChildren.push([
        p.ccId,
        contactId,
        state.personId,
        status,
        p.level,
        p.rag,
        p.ratedAt === null ? null : recorder,
        p.ratedAt === null ? null : new Date(p.ratedAt),
        decided && !routed ? decision : null,
        decided ? decision : null,
        decided && decision === 'no_further_action'
          ? random.pick(NFA_REASONS)
          : decided && routed
            ? 'Read and added to the child’s plan; discussed with the family at the next visit.'
            : null,
        decided && decision === 'transfer' ? random.pick(TRANSFER_AUTHORITIES) : null,
        decided ? decider : null,
        decided ? new Date(p.decidedAt as number) : null,
        decided && !routed ? random.pick(OVERSIGHT_NOTES) : null,
        routedUser,
        routedTeam,
        feedback ? new Date(feedbackAt as number) : null,
        feedback ? decider : null,
        feedback ? feedbackMethod : null,
        new Date(p.receivedAt),
      ])
      const sourceLabel = (SOURCE_LABEL.get(source) ?? source).toLowerCase()
      batch.event(
        state,
        'contact',
        p.ccId,
        'contact.received',
        p.receivedAt,
        routed || status === 'routed_to_allocated_worker'
          ? `Contact received from ${sourceLabel}: passed to the allocated worker`
          : `Contact received from ${sourceLabel}`,
        recorder,
        { source, route },
      )
      // What partner agencies said at triage, for the contacts that needed checks.
      if ((p.level === '3' || p.level === '4') && p.ratedAt !== null) {
        const kinds = (['police', 'health', 'education'] as const).filter(
          (_, i) => i === 0 || random.chance(0.7),
        )
        kinds.forEach((kind, i) => {
          const responded = (p.ratedAt as number) + (i + 1) * random.int(10, 60) * MINUTE
          if (responded > ctx.capMs || (p.decidedAt !== null && responded > p.decidedAt)) return
          const list = ctx.setup.agenciesByKind.get(kind) ?? []
          const informant = `${random.pick(GIVEN_NAMES_F)} ${random.pick(FAMILY_NAMES)}`
          batch.agencyChecks.push([
            p.ccId,
            kind,
            list.length ? random.pick(list) : null,
            informant,
            new Date(responded),
            random.pick(AGENCY_CHECK_INFORMATION[kind]),
            recorder,
            new Date(responded),
          ])
          batch.event(
            state,
            'contact',
            p.ccId,
            'contact.agency_check',
            responded,
            agencyCheckSummary(kind, informant),
            recorder,
          )
        })
      }
      if (p.ratedAt !== null && p.rag !== null)
        batch.event(
          state,
          'contact',
          p.ccId,
          'contact.rated',
          p.ratedAt,
          `Screened: level ${p.level ?? '?'} need, ${p.rag} urgency`,
          recorder,
          { urgency: p.rag, thresholdLevel: p.level, recommendation: decided && !routed ? decision : null },
        )
      if (decided)
        batch.event(
          state,
          'contact',
          p.ccId,
          'contact.decided',
          p.decidedAt as number,
          routed
            ? 'Contact taken into the open case by the allocated worker'
            : `Decision: ${DECISION_LABEL[decision as ContactDecision].toLowerCase()}`,
          decider,
          { decision },
        )
      if (feedback)
        batch.event(
          state,
          'contact',
          p.ccId,
          'contact.feedback',
          feedbackAt as number,
          `Referrer told the outcome (${feedbackMethod.replace('_', ' ')})`,
          decider,
        )
    }
  }
}

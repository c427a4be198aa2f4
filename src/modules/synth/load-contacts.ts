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
  childSafeNow,
  contactReason,
  presentingNeeds,
} from './frontdoor-text.js'
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js'
import { type Random, streamFor } from './random.js'
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
import { authorisedRecommendation, awaitingRecommendation } from './load-recommendations.js'

/** Each child's contacts, siblings' contacts on the same day made one contact about them all. */
export function planContacts(batch: Batch, states: ChildState[], familyKey: string): ContactPlan[][] {
  const { ctx } = batch
  const result: ContactPlan[][] = []
  const days = [...groupSameDay(batch, states)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  for (const [day, sameDay] of days) {
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
        triage(batch, plan, day, random)
      }
      result.push(group)
    })
  }
  return result
}

/** Each day's contacts, one group per contact: no child twice in a group. */
function groupSameDay(batch: Batch, states: ChildState[]): Map<IsoDate, ContactPlan[][]> {
  const groups = new Map<IsoDate, ContactPlan[][]>()
  for (const state of states) {
    const matched = referralsOfContacts(state.child)
    for (const contact of state.child.contacts) {
      const plan: ContactPlan = {
        contact,
        state,
        ccId: 0,
        open: batch.ctx.openContacts.has(contact),
        receivedAt: 0,
        ratedAt: null,
        decidedAt: null,
        decision: null,
        level: null,
        rag: null,
        decider: 0,
        authoriser: null,
        referral: matched.get(contact) ?? null,
      }
      const sameDay = groups.get(contact.receivedOn) ?? []
      const group = sameDay.find((g) => !g.some((p) => p.state === state))
      if (group) group.push(plan)
      else sameDay.push([plan])
      groups.set(contact.receivedOn, sameDay)
    }
  }
  return groups
}

/** Screening, then the decision: a contact still open may have been screened, not decided. */
function triage(batch: Batch, plan: ContactPlan, day: IsoDate, random: Random): void {
  const { ctx } = batch
  const c = plan.contact
  const rag: Rag = c.rag
  const ratedAt = plan.receivedAt + random.int(rag === 'red' ? 10 : 20, rag === 'red' ? 45 : 150) * MINUTE
  if (plan.open) {
    if (random.chance(0.6) && ratedAt <= ctx.capMs) {
      plan.ratedAt = ratedAt
      plan.rag = rag
      // Rated as the recommendation to come will follow it (`levelFor`).
      plan.level = levelFor(random, DECISION_CODE[c.decision], rag)
    }
    return
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

/** Each contact once, then each child on it. */
export function writeContacts(batch: Batch, plans: ContactPlan[][], familyKey: string): void {
  for (const group of plans) {
    const received = writeContact(batch, group, familyKey)
    for (const p of group) writeContactChild(batch, p, received)
  }
}

/** What every child on one contact shares: who sent it, how, and who recorded it. */
interface Received {
  contactId: number
  source: string
  channel: string
  anonymous: boolean
  recorder: number
  random: Random
  /** The family refused consent to the contact. */
  consentRefused: boolean
}

/** The contact as its table holds it; returns what its children share. */
function writeContact(batch: Batch, group: ContactPlan[], familyKey: string): Received {
  const { ctx } = batch
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
  const channel = channelFor(random, source)
  const needs = presentingNeeds(random, source)
  const consent = consentFor(
    random,
    group.some((p) => p.contact.rag === 'red'),
  )
  const outOfHours =
    weekend(first.contact.receivedOn) ||
    minuteOfDay(first.receivedAt, first.contact.receivedOn) < 480 ||
    minuteOfDay(first.receivedAt, first.contact.receivedOn) >= 1050
  const recorder = first.decider
  // From a stream of its own, so every other draw (and so the rest of the load) is unchanged.
  const safe = childSafeNow(
    streamFor(ctx.seed, 'load', 'contact-safety', familyKey, first.contact.receivedOn, contactId),
    needs,
    mostUrgent(group.map((p) => p.contact.rag)),
    anonymous,
  )
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
    consent === 'not_sought_risk' || consent === 'overridden' ? random.pick(CONSENT_REASONS[consent]) : null,
    needs.includes('3A') || needs.includes('3B'),
    recorder,
    new Date(Math.min(first.receivedAt + random.int(3, 40) * MINUTE, ctx.capMs)),
    new Date(first.receivedAt),
    safe.answer,
    safe.detail,
  ])
  return { contactId, source, channel, anonymous, recorder, random, consentRefused: consent === 'refused' }
}

/** The most urgent of the children's RAG ratings on one contact. */
function mostUrgent(rags: readonly Rag[]): Rag {
  return rags.includes('red') ? 'red' : rags.includes('amber') ? 'amber' : 'green'
}

/** Police notify; the public mostly phone; partners mostly use the form. */
function channelFor(random: Random, source: string): string {
  return source === '6'
    ? 'police_notification'
    : source.startsWith('1') || source === '9' || source === '10'
      ? random.chance(0.85)
        ? 'phone'
        : random.pick(['in_person', 'letter', 'email'])
      : random.chance(0.5)
        ? 'partner_form'
        : random.chance(0.6)
          ? 'email'
          : 'phone'
}

/** Whether the family agreed to the contact; risk to a child is a reason not to ask. */
function consentFor(random: Random, red: boolean): 'given' | 'refused' | 'not_sought_risk' | 'overridden' {
  const consentRoll = random.next()
  return consentRoll < 0.72
    ? 'given'
    : consentRoll < 0.8
      ? 'refused'
      : red || consentRoll < 0.9
        ? 'not_sought_risk'
        : 'overridden'
}

/** How one child's part of the contact ended up: decided by the MASH, or taken by the case's worker. */
interface Outcome {
  status: string
  decision: ContactDecision | null
  decider: number | null
  routedUser: number | null
  routedTeam: number | null
  route: 'mash' | 'allocated_worker'
  /** A recommendation waiting for the manager, on a contact still open. */
  recommendation: MashDecision | null
}

/** Where one child's part went: still in triage, decided by the MASH, or to the worker who holds their case. */
function routeContact(batch: Batch, p: ContactPlan, random: Random): Outcome {
  const { ctx } = batch
  const outcome: Outcome = {
    status: 'decided',
    decision: p.decision,
    decider: p.decider,
    routedUser: null,
    routedTeam: null,
    route: 'mash',
    recommendation: null,
  }
  if (p.open) outcome.status = 'in_triage'
  else if (p.decision === 'passed_to_allocated_worker') {
    const owner = ownerAt(p.state, p.receivedAt)
    if (owner === null) outcome.decision = 'information_and_advice'
    else {
      // Straight to the worker who holds the case, who takes it into the open case.
      outcome.route = 'allocated_worker'
      outcome.status = 'routed_to_allocated_worker'
      outcome.routedUser = owner.userId
      outcome.routedTeam = owner.teamId
      p.ratedAt = null
      p.rag = null
      p.level = null
      outcome.decider = owner.userId ?? ctx.setup.teamManagers.get(owner.teamId) ?? null
      const taken = p.receivedAt + random.int(2, 48) * HOUR
      if (outcome.decider === null || taken > ctx.capMs) {
        outcome.decision = null
        p.decidedAt = null
      } else p.decidedAt = taken
    }
  }
  return outcome
}

/** One child's part of the contact, and what happened to it in their history. */
function writeContactChild(batch: Batch, p: ContactPlan, received: Received): void {
  const { ctx } = batch
  const { random, source, channel, anonymous, recorder } = received
  const state = p.state
  const outcome = routeContact(batch, p, random)
  const { decision, decider } = outcome
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
  // Drawn in the order the row always drew them, so the rest of the load is unchanged.
  const nfaReason = decided && decision === 'no_further_action' ? random.pick(NFA_REASONS) : null
  const transferAuthority = decided && decision === 'transfer' ? random.pick(TRANSFER_AUTHORITIES) : null
  const oversightNote = decided && !routed ? random.pick(OVERSIGHT_NOTES) : null
  if (outcome.route === 'mash' && decision !== null && decision !== 'passed_to_allocated_worker') {
    const recommended = {
      decision,
      level: p.level,
      decisionReason: nfaReason,
      transferAuthority,
      teamId: p.referral === null ? null : (ctx.setup.teams.get(p.referral.teamId)?.id ?? null),
      oversightNote,
      consentRefused: received.consentRefused,
    }
    if (decided) {
      p.authoriser = authorisedRecommendation(batch, p, recommended)
      outcome.decider = p.authoriser
    }
  } else if (p.open && p.ratedAt !== null && p.contact.decision !== 'to-allocated-worker') {
    const recommendation = DECISION_CODE[p.contact.decision] as MashDecision
    const recommended = {
      decision: recommendation,
      level: p.level,
      decisionReason: null,
      transferAuthority: recommendation === 'transfer' ? (TRANSFER_AUTHORITIES[0] as string) : null,
      teamId: null,
      oversightNote: null,
      consentRefused: received.consentRefused,
    }
    if (awaitingRecommendation(batch, p, recommended)) {
      outcome.status = 'awaiting_authorisation'
      outcome.recommendation = recommendation
      batch.awaitingAuthorisation++
    }
  }
  batch.contactChildren.push([
    p.ccId,
    received.contactId,
    state.personId,
    outcome.status,
    p.level,
    p.rag,
    p.ratedAt === null ? null : recorder,
    p.ratedAt === null ? null : new Date(p.ratedAt),
    decided && !routed ? decision : outcome.recommendation,
    decided ? decision : null,
    nfaReason !== null
      ? nfaReason
      : decided && routed
        ? 'Read and added to the child’s plan; discussed with the family at the next visit.'
        : null,
    transferAuthority,
    decided ? outcome.decider : null,
    decided ? new Date(p.decidedAt as number) : null,
    oversightNote,
    outcome.routedUser,
    outcome.routedTeam,
    feedback ? new Date(feedbackAt as number) : null,
    feedback ? decider : null,
    feedback ? feedbackMethod : null,
    new Date(p.receivedAt),
  ])
  if (decided && decision === 'early_help' && outcome.status === 'decided')
    batch.earlyHelp.decisions.push({ state, ccId: p.ccId, decidedAt: p.decidedAt as number })
  const sourceLabel = (SOURCE_LABEL.get(source) ?? source).toLowerCase()
  batch.event(
    state,
    'contact',
    p.ccId,
    'contact.received',
    p.receivedAt,
    routed || outcome.status === 'routed_to_allocated_worker'
      ? `Contact received from ${sourceLabel}: passed to the allocated worker`
      : `Contact received from ${sourceLabel}`,
    recorder,
    { source, route: outcome.route },
  )
  addAgencyChecks(batch, p, recorder, random)
  // Only a referrer who could be told, recently, has a feedback clock: the history before the clock
  // existed did not measure it, and would fill the lists with years-old feedback tasks.
  const tellReferrer = feedback || (feedbackAt !== null && feedbackAt > ctx.capMs - 14 * 24 * HOUR)
  recordTriage(
    batch,
    p,
    received,
    outcome,
    feedback ? (feedbackAt as number) : null,
    feedbackMethod,
    tellReferrer,
  )
}

/** What partner agencies said at triage, for the contacts that needed checks. */
function addAgencyChecks(batch: Batch, p: ContactPlan, recorder: number, random: Random): void {
  const { ctx } = batch
  if (!((p.level === '3' || p.level === '4') && p.ratedAt !== null)) return
  const kinds = (['police', 'health', 'education'] as const).filter((_, i) => i === 0 || random.chance(0.7))
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
      p.state,
      'contact',
      p.ccId,
      'contact.agency_check',
      responded,
      agencyCheckSummary(kind, informant),
      recorder,
    )
  })
}

/** The screening, the decision and the word back to the referrer, in the child's history. */
function recordTriage(
  batch: Batch,
  p: ContactPlan,
  { recorder }: Received,
  { decision, decider }: Outcome,
  feedbackAt: number | null,
  feedbackMethod: string,
  tellReferrer: boolean,
): void {
  const decided = decision !== null && p.decidedAt !== null
  const routed = decision === 'passed_to_allocated_worker'
  if (p.ratedAt !== null && p.rag !== null)
    batch.event(
      p.state,
      'contact',
      p.ccId,
      'contact.rated',
      p.ratedAt,
      `Screened: level ${p.level ?? '?'} need, ${p.rag} urgency`,
      recorder,
      {
        urgency: p.rag,
        thresholdLevel: p.level,
        recommendation: decided && !routed ? decision : null,
        receivedAt: new Date(p.receivedAt).toISOString(),
      },
    )
  // The manager's authorisation stops the authorisation clock the recommendation started.
  if (decided && !routed)
    batch.event(
      p.state,
      'contact',
      p.ccId,
      'contact.authorised',
      p.decidedAt as number,
      `Decision authorised: ${DECISION_LABEL[decision].toLowerCase()}`,
      decider,
      { decision },
    )
  if (decided)
    batch.event(
      p.state,
      'contact',
      p.ccId,
      'contact.decided',
      p.decidedAt as number,
      routed
        ? 'Contact taken into the open case by the allocated worker'
        : `Decision: ${DECISION_LABEL[decision].toLowerCase()}`,
      decider,
      { decision, referrer: tellReferrer ? 'known' : 'none' },
    )
  if (feedbackAt !== null)
    batch.event(
      p.state,
      'contact',
      p.ccId,
      'contact.feedback',
      feedbackAt,
      `Referrer told the outcome (${feedbackMethod.replace('_', ' ')})`,
      p.decider,
    )
}

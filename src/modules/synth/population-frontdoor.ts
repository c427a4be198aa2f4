/** The front door: contacts, and the MASH decisions on those that do not become referrals. */
import type { IsoDate } from '../../platform/calendar/dates.js'
import { REFERRAL_SOURCES } from './codes.js'
import { toDayNumber } from './dates.js'
import { days, workingDayOnOrAfter, workingDays } from './population-dates.js'
import type { Child, Contact, ContactDecision, Context, Rag } from './population-model.js'
import { type Random, weighted } from './random.js'

const CONTACT_DECISIONS_NO_REFERRAL = weighted<ContactDecision>([
  ['no-further-action', 30],
  ['information-and-advice', 25],
  ['signpost', 15],
  ['early-help', 25],
  ['transfer', 5],
])

export function contactOnlyJourney(random: Random, ctx: Context, child: Child): void {
  const n = random.chance(0.8) ? 1 : random.int(2, 3)
  let date = random.dateBetween(days(ctx.yearStart, -90), ctx.asOf)
  for (let i = 0; i < n; i++) {
    const receivedOn = date
    const decidedOn = random.chance(0.93)
      ? workingDays(receivedOn, random.int(0, 1))
      : workingDays(receivedOn, random.int(2, 4))
    child.contacts.push({
      receivedOn,
      source: random.weighted(REFERRAL_SOURCES),
      rag: random.chance(0.7) ? 'green' : 'amber',
      decision: random.weighted(CONTACT_DECISIONS_NO_REFERRAL),
      decidedOn,
    })
    date = days(date, random.skewed(90, 0.8))
  }
}

/** Contacts about a child whose case is open go to the allocated worker, not to a new referral. */
export function knownChildContacts(random: Random, child: Child, from: IsoDate, to: IsoDate): void {
  const span = toDayNumber(to) - toDayNumber(from)
  let t = random.skewed(150, 0.8)
  while (t < span - 1) {
    const receivedOn = days(from, t)
    child.contacts.push({
      receivedOn,
      source: random.weighted(REFERRAL_SOURCES),
      rag: random.chance(0.2) ? 'amber' : 'green',
      decision: 'to-allocated-worker',
      decidedOn: workingDayOnOrAfter(receivedOn),
    })
    t += random.skewed(150, 0.8)
  }
}

export function contactFor(
  random: Random,
  receivedOn: IsoDate,
  source: string,
  rag: Rag,
  decision: ContactDecision,
): Contact {
  const onTime = random.chance(0.92)
  return {
    receivedOn,
    source,
    rag,
    decision,
    decidedOn: onTime
      ? workingDays(receivedOn, rag === 'red' ? 0 : random.int(0, 1))
      : workingDays(receivedOn, random.int(2, 3)),
  }
}

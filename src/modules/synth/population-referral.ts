/**
 * Children in need: referral after referral, each with its assessment and what followed it, and the
 * journeys of unaccompanied children and of children looked after since before the year.
 */
import { ageOn, type IsoDate } from '../../platform/calendar/dates.js'
import { ASSESSMENT_FACTORS, PRIMARY_NEEDS, REFERRAL_SOURCES } from './codes.js'
import { addWorkingDays, toDayNumber } from './dates.js'
import { enterCare } from './population-care.js'
import {
  birthday,
  days,
  maxDate,
  minDate,
  withinWorkingDays,
  workingDayOnOrAfter,
  workingDays,
} from './population-dates.js'
import { contactFor, knownChildContacts } from './population-frontdoor.js'
import type {
  Assessment,
  Child,
  ChildSeed,
  CinPlan,
  Contact,
  Context,
  CpPlan,
  JourneyState,
  Rag,
  Referral,
} from './population-model.js'
import { section47Enquiry } from './population-protection.js'
import { allocate } from './population-workforce.js'
import { type Random, weighted } from './random.js'

/** Children in need: referrals from the first one on, until the end of the year. */
export function inNeedJourney(
  random: Random,
  ctx: Context,
  child: Child,
  bornOrDue: IsoDate,
  seed: ChildSeed,
): void {
  const { yearStart, asOf } = ctx
  const earliest = child.dateOfBirth ? child.dateOfBirth : days(bornOrDue, -250)
  const state: JourneyState = { previousPlans: random.chance(0.2) ? random.int(1, 2) : 0, careEntered: false }

  if (seed.uasc) {
    // Arrives, is referred (usually by the police or the Home Office) and accommodated the same week.
    const dob = child.dateOfBirth as IsoDate
    const arrived = random.dateBetween(
      maxDate(days(yearStart, -700), birthday(dob, 14)),
      minDate(asOf, days(birthday(dob, 18), -30)),
    )
    uascJourney(random, ctx, child, arrived)
    return
  }
  // Long-stay children looked after: in care since before the year.
  const longStay =
    child.dateOfBirth !== null && ageOn(child.dateOfBirth, yearStart) >= 1 && random.chance(0.13)
  let first: IsoDate
  if (longStay) {
    const careStart = random.dateBetween(
      maxDate(days(child.dateOfBirth as IsoDate, 7), days(yearStart, -10 * 365)),
      days(yearStart, -30),
    )
    longStayJourney(random, ctx, child, careStart, state)
    return
  }
  const carried = random.chance(0.4)
  // A story that started before the year may have ended before it: then try another start.
  // The last attempt starts in the year, so every child in need is in the census.
  for (let attempt = 0; attempt < 5; attempt++) {
    forgetJourney(child)
    state.careEntered = false
    if (carried && attempt < 4) first = days(yearStart, -Math.min(random.skewed(200, 0.9), 1500))
    else first = seed.anchor ?? random.dateBetween(yearStart, days(asOf, -10))
    first = maxDate(first, earliest)
    if (child.expectedDateOfBirth === null && child.dateOfBirth !== null && first < child.dateOfBirth)
      first = child.dateOfBirth
    runReferrals(random, ctx, child, workingDayOnOrAfter(first), state)
    if (touchesYear(child, yearStart, asOf)) return
  }
}

function forgetJourney(child: Child): void {
  child.contacts = []
  child.referrals = []
  child.care = []
  child.lacReviews = []
  child.missing = []
  child.socialWorkers = []
  child.adoption = null
  child.previousPermanence = null
  child.dateOfDeath = null
}

function touchesYear(child: Child, start: IsoDate, end: IsoDate): boolean {
  return child.referrals.some(
    (r) =>
      r.referralDate <= end &&
      (r.closureDate === null || r.closureDate >= start) &&
      !(r.nfa && r.referralDate < start),
  )
}

/** Referral after referral: each closes, and some children come back (re-referrals). */
function runReferrals(random: Random, ctx: Context, child: Child, first: IsoDate, state: JourneyState): void {
  let date = first
  let previous: IsoDate | null = null
  for (let n = 0; n < 6 && date <= ctx.asOf; n++) {
    const referral = referralEpisode(random, ctx, child, date, state)
    referral.reReferral = previous !== null && toDayNumber(date) - toDayNumber(previous) <= 365
    previous = date
    child.referrals.push(referral)
    knownChildContacts(random, child, referral.referralDate, referral.closureDate ?? ctx.asOf)
    if (referral.closureDate === null || state.careEntered) break
    // England's re-referral rate within 12 months is about one in five.
    const roll = random.next()
    if (roll < 0.3) date = workingDayOnOrAfter(days(referral.closureDate, random.int(14, 330)))
    else if (roll < 0.42) date = workingDayOnOrAfter(days(referral.closureDate, random.int(366, 1100)))
    else break
  }
}

/**
 * One referral: the contact, the MASH decision, then no further action, or an assessment with
 * perhaps a strategy discussion, section 47 enquiry, conference and CP plan, or a CIN plan; and
 * for some children, care. The steps draw from `random` in this order, which is the output.
 */
function referralEpisode(
  random: Random,
  ctx: Context,
  child: Child,
  contactDate: IsoDate,
  state: JourneyState,
): Referral {
  const source = random.weighted(REFERRAL_SOURCES)
  const age = child.dateOfBirth ? ageOn(child.dateOfBirth, contactDate) : -1
  const nfa = random.chance(0.08)
  const urgent = !nfa && random.chance(0.3)
  const rag: Rag = urgent ? 'red' : random.chance(0.55) ? 'amber' : 'green'
  const contact = contactFor(random, contactDate, source, rag, urgent ? 'strategy-discussion' : 'referral')
  child.contacts.push(contact)
  const referralDate = contact.decidedOn
  const team = allocate(
    random,
    ctx.workforce,
    child.disabilities.length > 0 && random.chance(0.5) ? 'disabled-children' : 'assessment',
  )
  const referral: Referral = {
    referralDate,
    source,
    primaryNeed: null,
    nfa,
    reReferral: false,
    closureDate: null,
    closureReason: null,
    assessments: [],
    section47s: [],
    cpPlans: [],
    cinPlans: [],
    ...team,
  }
  if (nfa) {
    referral.primaryNeed = random.chance(0.4) ? random.weighted(PRIMARY_NEEDS) : null
    referral.closureDate = referralDate
    referral.closureReason = 'RC7'
    return referral
  }
  referral.primaryNeed =
    child.disabilities.length > 0 && random.chance(0.6) ? 'N2' : random.weighted(PRIMARY_NEEDS)

  const assessment = assessmentOf(random, referralDate, urgent)
  referral.assessments.push(assessment)
  let planFrom = assessment.authorised as IsoDate
  let cpPlan: CpPlan | null = null
  if (urgent) {
    const enquiry = section47Enquiry(random, referralDate, state, age)
    referral.section47s.push(enquiry.s47)
    if (enquiry.cpPlan) referral.cpPlans.push(enquiry.cpPlan)
    cpPlan = enquiry.cpPlan
    planFrom = maxDate(planFrom, enquiry.s47.completed as IsoDate)
  }
  assessment.factors = cpPlan || urgent || random.chance(0.75) ? factors(random) : ['21']

  if (!cpPlan) {
    const cared = emergencyCare(random, ctx, child, referral, assessment, urgent, age, planFrom, state)
    if (cared) return cared
  }
  if (cpPlan) return afterCpPlan(random, ctx, child, referral, cpPlan, planFrom, state)
  return afterAssessment(random, child, referral, assessment, planFrom, urgent, age)
}

/** The assessment: 45 working days from the referral, most on time. */
function assessmentOf(random: Random, referralDate: IsoDate, urgent: boolean): Assessment {
  const assessmentStart = urgent ? referralDate : workingDays(referralDate, random.int(0, 3))
  const onTime = random.chance(0.84)
  const lastDay = withinWorkingDays(referralDate, 45)
  const authorised = onTime
    ? minDate(workingDays(referralDate, Math.round(random.normal(30, 9, 5, 44))), lastDay)
    : workingDays(referralDate, random.int(45, 75))
  return { start: assessmentStart, authorised: maxDate(authorised, assessmentStart), factors: [] }
}

/** Emergencies: police protection, or a teenager accommodated under section 20. */
function emergencyCare(
  random: Random,
  ctx: Context,
  child: Child,
  referral: Referral,
  assessment: Assessment,
  urgent: boolean,
  age: number,
  planFrom: IsoDate,
  state: JourneyState,
): Referral | null {
  const emergency = urgent && random.chance(0.07)
  // An assessment that found nothing (factor 21) closes the case; it does not lead to care.
  const nothingFound = assessment.factors.length === 1 && assessment.factors[0] === '21'
  const teenager = age >= 12 && !nothingFound && random.chance(0.05)
  const careStart = emergency
    ? referral.referralDate
    : workingDays(assessment.authorised as IsoDate, random.int(0, 10))
  if (!((emergency || teenager) && canEnterCare(child, careStart))) return null
  const end = enterCare(random, ctx, child, careStart, emergency ? 'police' : 's20', referral, state)
  return closeForCare(referral, end, child, planFrom)
}

/** After a CP plan: care proceedings for some; a CIN plan after the CP plan for many. */
function afterCpPlan(
  random: Random,
  ctx: Context,
  child: Child,
  referral: Referral,
  cpPlan: CpPlan,
  planFrom: IsoDate,
  state: JourneyState,
): Referral {
  // The assessment may be authorised after the plan ends: the episode stays open until it is.
  const activityEnd = maxDate(cpPlan.end as IsoDate, planFrom)
  if (cpPlan.end !== null && canEnterCare(child, cpPlan.end) && random.chance(0.16)) {
    const end = enterCare(random, ctx, child, cpPlan.end, 'proceedings', referral, state)
    return closeForCare(referral, end, child, activityEnd)
  }
  let closeOn = activityEnd
  if (random.chance(0.55)) {
    const plan = cinPlan(random, addWorkingDays(cpPlan.end as IsoDate, 1), 3, 9)
    referral.cinPlans.push(plan)
    closeOn = maxDate(plan.end as IsoDate, activityEnd)
  }
  referral.closureDate = closeOn
  referral.closureReason = 'RC7'
  return referral
}

/** After the assessment: closed (no further action, or to early help), or a CIN plan. */
function afterAssessment(
  random: Random,
  child: Child,
  referral: Referral,
  assessment: Assessment,
  planFrom: IsoDate,
  urgent: boolean,
  age: number,
): Referral {
  const factorsNone = assessment.factors.length === 1 && assessment.factors[0] === '21'
  if (factorsNone || random.chance(0.42)) {
    referral.closureDate = planFrom
    // "Closed after assessment" (RC8, RC9) is only for episodes that went no further than it.
    referral.closureReason = urgent ? 'RC7' : random.chance(0.65) ? 'RC8' : 'RC9'
    return referral
  }
  const plan = cinPlan(random, workingDays(planFrom, random.int(0, 8)), 2, 12)
  referral.cinPlans.push(plan)
  referral.closureDate = plan.end
  referral.closureReason = child.disabilities.length > 0 && age >= 17 && random.chance(0.5) ? 'RC6' : 'RC7'
  return referral
}

/** Care needs a born child who is not yet 17 (a care order cannot be made at 17). */
function canEnterCare(child: Child, on: IsoDate): boolean {
  return child.dateOfBirth !== null && on >= child.dateOfBirth && ageOn(child.dateOfBirth, on) < 17
}

export function factors(random: Random): string[] {
  const n = random.weighted(FACTOR_COUNT)
  return random.distinct(ASSESSMENT_FACTORS, n)
}

const FACTOR_COUNT = weighted<number>([
  [1, 25],
  [2, 30],
  [3, 25],
  [4, 12],
  [5, 8],
])

function cinPlan(random: Random, start: IsoDate, minMonths: number, maxMonths: number): CinPlan {
  const lengthDays = random.int(minMonths * 30, maxMonths * 30)
  return { start, end: workingDayOnOrAfter(days(start, lengthDays)) }
}

/** The CIN episode stays open while the child is looked after, and closes when care ends. */
function closeForCare(
  referral: Referral,
  careEnd: { date: IsoDate; reason: string } | null,
  child: Child,
  notBefore: IsoDate,
): Referral {
  if (careEnd === null) return referral
  referral.closureDate = maxDate(careEnd.date, notBefore)
  referral.closureReason = CLOSURE_AFTER_CARE[careEnd.reason] ?? 'RC7'
  if (careEnd.reason === 'E2') child.dateOfDeath = careEnd.date
  return referral
}

const CLOSURE_AFTER_CARE: Record<string, string> = {
  E11: 'RC1',
  E12: 'RC1',
  E2: 'RC2',
  E41: 'RC3',
  E45: 'RC4',
  E46: 'RC4',
  E47: 'RC4',
  E48: 'RC4',
  E3: 'RC5',
  E7: 'RC6',
}

function uascJourney(random: Random, ctx: Context, child: Child, arrived: IsoDate): void {
  const referralDate = workingDayOnOrAfter(arrived)
  child.contacts.push({
    receivedOn: referralDate,
    source: random.chance(0.7) ? '6' : '7',
    rag: 'red',
    decision: 'referral',
    decidedOn: referralDate,
  })
  const referral: Referral = {
    referralDate,
    source: (child.contacts[0] as Contact).source,
    primaryNeed: 'N8',
    nfa: false,
    reReferral: false,
    closureDate: null,
    closureReason: null,
    assessments: [
      { start: referralDate, authorised: workingDays(referralDate, random.int(15, 44)), factors: ['9A'] },
    ],
    section47s: [],
    cpPlans: [],
    cinPlans: [],
    ...allocate(random, ctx.workforce, 'children-looked-after'),
  }
  child.referrals.push(referral)
  const state: JourneyState = { previousPlans: 0, careEntered: false }
  const end = enterCare(random, ctx, child, referralDate, 'uasc', referral, state)
  closeForCare(referral, end, child, referral.assessments[0]?.authorised ?? referralDate)
}

function longStayJourney(
  random: Random,
  ctx: Context,
  child: Child,
  careStart: IsoDate,
  state: JourneyState,
): void {
  // Referred before care began, but not before birth.
  const referralDate = workingDayOnOrAfter(
    maxDate(days(careStart, -random.int(20, 300)), child.dateOfBirth as IsoDate),
  )
  const source = random.weighted(REFERRAL_SOURCES)
  child.contacts.push(contactFor(random, referralDate, source, 'red', 'strategy-discussion'))
  const referral: Referral = {
    referralDate,
    source,
    primaryNeed: random.chance(0.8) ? 'N1' : random.weighted(PRIMARY_NEEDS),
    nfa: false,
    reReferral: false,
    closureDate: null,
    closureReason: null,
    assessments: [
      {
        start: referralDate,
        authorised: workingDays(referralDate, random.int(10, 44)),
        factors: factors(random),
      },
    ],
    section47s: [],
    cpPlans: [],
    cinPlans: [],
    ...allocate(random, ctx.workforce, 'children-looked-after'),
  }
  if (referral.primaryNeed === 'N9') referral.primaryNeed = 'N1'
  child.referrals.push(referral)
  const start = maxDate(careStart, referral.assessments[0]?.authorised ?? careStart)
  const end = enterCare(random, ctx, child, start, 'long-stay', referral, state, ctx.yearStart)
  closeForCare(referral, end, child, start)
}

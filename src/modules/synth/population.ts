/**
 * The synthetic local authority: a workforce of teams, and families whose children go through
 * children's social care — contacts, referrals, assessments, strategy discussions and section 47
 * enquiries, conferences, CP and CIN plans, care with its placements and legal statuses, reviews,
 * missing episodes, adoption, leaving care — as plain data, with no database.
 *
 * Everything is drawn from named random streams of the seed (see random.ts): family i is the same
 * whatever `children` is asked for, so a small authority is the start of a large one, and the
 * generator can stream England (700,000 children in need) one family at a time.
 *
 * Events are simulated forward in time and then cut at the end of the collection year
 * (`asOf`): nothing is dated after it, and whatever was still going on is left open. The returns
 * mapping (returns.ts) and, later, the database loader read the same records.
 */
import { ageOn, type IsoDate } from '../../platform/calendar/dates.js'
import type { CollectionYear } from '../returns/collection-year.js'
import {
  ACCOMMODATION,
  ACTIVITIES,
  ASSESSMENT_FACTORS,
  CATEGORIES_OF_ABUSE,
  CIN_AGES,
  DISABILITIES,
  ETHNICITIES,
  HOME_DISTRICTS,
  OUT_OF_AREA_DISTRICTS,
  PRIMARY_NEEDS,
  REASONS_PLACE_CHANGE,
  REFERRAL_SOURCES,
  REVIEW_PARTICIPATION,
  SW_CHANGE_REASONS,
  UASC_ETHNICITIES,
} from './codes.js'
import { addWorkingDays, dayText, isWorkingDay, toDayNumber } from './dates.js'
import { makeNhsNumber, makeUpn } from './identifiers.js'
import { FAMILY_NAMES, FAMILY_NAMES_UASC, GIVEN_NAMES_F, GIVEN_NAMES_M, GIVEN_NAMES_UASC } from './names.js'
import { streamFor, weighted, type Random } from './random.js'

// ---------------------------------------------------------------------------------------------
// The model

export interface AuthorityOptions {
  seed: string
  /** Children in need at any point in the collection year (the CIN census count). */
  children: number
  year: CollectionYear
  /** The DfE's three-digit LA code, used in UPNs and the CIN header (default 883). */
  laCode?: string
  /** Also generate children whose contacts never became referrals (default true). */
  contactOnly?: boolean
  /** Also generate care leavers aged 18–21 (default true). */
  careLeavers?: boolean
}

export type TeamKind =
  'mash' | 'assessment' | 'family-support' | 'children-looked-after' | 'leaving-care' | 'disabled-children'

export interface StaffMember {
  /** The worker's Social Work England style identifier, as SSDA903 SWEpisodes reports it. */
  id: string
  givenName: string
  familyName: string
  role: 'team-manager' | 'social-worker' | 'personal-adviser'
  teamId: string
}

export interface Team {
  id: string
  name: string
  kind: TeamKind
  managerId: string
  workerIds: string[]
}

export interface Workforce {
  teams: Team[]
  staff: StaffMember[]
  teamsByKind: Record<TeamKind, Team[]>
}

export type Sex = 'M' | 'F' | 'U'
export type Cohort = 'in-need' | 'contact-only' | 'care-leaver'
export type Rag = 'red' | 'amber' | 'green'
export type ContactDecision =
  | 'no-further-action'
  | 'information-and-advice'
  | 'signpost'
  | 'early-help'
  | 'referral'
  | 'strategy-discussion'
  | 'transfer'
  | 'to-allocated-worker'

export interface Contact {
  receivedOn: IsoDate
  /** DfE referral source code of whoever made the contact. */
  source: string
  rag: Rag
  decision: ContactDecision
  decidedOn: IsoDate
}

export interface Assessment {
  start: IsoDate
  authorised: IsoDate | null
  factors: string[]
}

export interface Section47 {
  strategyDiscussion: IsoDate
  start: IsoDate
  /** 15 working days from the start, counted as the DfE does (inclusive). */
  icpcTarget: IsoDate
  icpc: IsoDate | null
  icpcNotRequired: boolean
  /** When the enquiry ended: the ICPC, or the decision that none was needed. */
  completed: IsoDate | null
}

export interface CpPlan {
  start: IsoDate
  end: IsoDate | null
  initialCategory: string
  latestCategory: string
  previousPlans: number
  reviews: IsoDate[]
}

export interface CinPlan {
  start: IsoDate
  end: IsoDate | null
}

/** A referral and everything that followed it: one CIN census episode. */
export interface Referral {
  referralDate: IsoDate
  source: string
  primaryNeed: string | null
  nfa: boolean
  /** Another referral of this child in the 12 months before this one. */
  reReferral: boolean
  closureDate: IsoDate | null
  closureReason: string | null
  assessments: Assessment[]
  section47s: Section47[]
  cpPlans: CpPlan[]
  cinPlans: CinPlan[]
  teamId: string
  workerId: string
}

export interface CareEpisode {
  start: IsoDate
  end: IsoDate | null
  reasonNew: string
  legalStatus: string
  categoryOfNeed: string
  placement: string
  provider: string | null
  reasonCeased: string | null
  /** Why the placement changed, on the episode that ended with the change (rules 225, 233). */
  reasonPlaceChange: string | null
  homePostcode: string
  placementPostcode: string
  urn: string
}

export interface LacReview {
  date: IsoDate
  participation: string
}

export interface MissingEpisode {
  kind: 'M' | 'A'
  start: IsoDate
  end: IsoDate | null
}

export interface Adoption {
  /** The decision that the child should be placed for adoption. */
  decision: IsoDate
  placementOrder: IsoDate | null
  matched: IsoDate | null
  placed: IsoDate | null
  adopted: IsoDate | null
  byFosterCarer: boolean
  adopters: 1 | 2
  adopterSexes: string
  adopterLegalStatus: string
  reversed: { date: IsoDate; reason: string } | null
}

export interface SocialWorkerSpell {
  workerId: string
  start: IsoDate
  end: IsoDate | null
  reasonEnded: string | null
}

export interface Health {
  sdqScore: number | null
  sdqReason: string | null
  convicted: boolean | null
  healthCheck: boolean | null
  immunisations: boolean
  teethCheck: boolean
  healthAssessment: boolean
  substanceMisuse: boolean
  interventionReceived: boolean | null
  interventionOffered: boolean | null
}

export interface CareLeaverStatus {
  birthday: IsoDate
  age: number
  inTouch: string
  activity: string
  accommodation: string
}

export interface Child {
  /** Position in the generated population, from 0. */
  index: number
  laChildId: string
  cohort: Cohort
  familyId: string
  givenName: string
  familyName: string
  sex: Sex
  dateOfBirth: IsoDate | null
  expectedDateOfBirth: IsoDate | null
  dateOfDeath: IsoDate | null
  ethnicity: string
  disabilities: string[]
  upn: string | null
  upnUnknown: string | null
  nhsNumber: string | null
  postcode: string
  /** A young mother in care: her own child's date of birth. */
  motherOfChildBorn: IsoDate | null
  uasc: { ceased: IsoDate } | null
  contacts: Contact[]
  referrals: Referral[]
  care: CareEpisode[]
  lacReviews: LacReview[]
  missing: MissingEpisode[]
  adoption: Adoption | null
  previousPermanence: { kind: string; date: IsoDate | null } | null
  socialWorkers: SocialWorkerSpell[]
  health: Health | null
  careLeaver: CareLeaverStatus[]
}

export interface Adult {
  id: string
  role: 'mother' | 'father' | 'step-parent' | 'grandparent'
  givenName: string
  familyName: string
  sex: Sex
  dateOfBirth: IsoDate
}

export interface Family {
  index: number
  id: string
  familyName: string
  postcode: string
  adults: Adult[]
  children: Child[]
}

// ---------------------------------------------------------------------------------------------
// The workforce

const TEAM_SHARES: readonly [TeamKind, string, number][] = [
  ['mash', 'MASH', 0.1],
  ['assessment', 'Children and Families Assessment Team', 0.28],
  ['family-support', 'Family Support Team', 0.3],
  ['children-looked-after', 'Children Looked After Team', 0.16],
  ['leaving-care', 'Through Care Team', 0.08],
  ['disabled-children', 'Disabled Children Team', 0.08],
]

/** Teams of 6–10 workers and a manager each, sized to about 15 children in need per worker. */
export function buildWorkforce(options: Pick<AuthorityOptions, 'seed' | 'children'>): Workforce {
  const random = streamFor(options.seed, 'workforce')
  const workersNeeded = Math.max(TEAM_SHARES.length * 6, Math.ceil(options.children / 15))
  const teams: Team[] = []
  const staff: StaffMember[] = []
  const teamsByKind = {} as Record<TeamKind, Team[]>
  let next = 0
  const newStaff = (role: StaffMember['role'], teamId: string): StaffMember => {
    const female = random.chance(0.8)
    const member: StaffMember = {
      id: `SW${String(100000 + next++)}`,
      givenName: random.pick(female ? GIVEN_NAMES_F : GIVEN_NAMES_M),
      familyName: random.pick(FAMILY_NAMES),
      role,
      teamId,
    }
    staff.push(member)
    return member
  }
  for (const [kind, label, share] of TEAM_SHARES) {
    const list: Team[] = []
    let wanted = Math.max(6, Math.round(workersNeeded * share))
    while (wanted > 0) {
      const size = Math.min(Math.max(wanted, 6), random.int(6, 10))
      const id = `T${String(teams.length + 1).padStart(4, '0')}`
      const manager = newStaff('team-manager', id)
      const role = kind === 'leaving-care' ? 'personal-adviser' : 'social-worker'
      const workerIds: string[] = []
      for (let i = 0; i < size; i++) workerIds.push(newStaff(role, id).id)
      const team: Team = { id, name: `${label} ${list.length + 1}`, kind, managerId: manager.id, workerIds }
      teams.push(team)
      list.push(team)
      wanted -= size
    }
    teamsByKind[kind] = list
  }
  return { teams, staff, teamsByKind }
}

function allocate(
  random: Random,
  workforce: Workforce,
  kind: TeamKind,
): { teamId: string; workerId: string } {
  const team = random.pick(workforce.teamsByKind[kind])
  return { teamId: team.id, workerId: random.pick(team.workerIds) }
}

// ---------------------------------------------------------------------------------------------
// Dates

const cal = { addWorkingDays }

function days(date: IsoDate, n: number): IsoDate {
  return dayText(toDayNumber(date) + Math.round(n))
}

/** The date itself if a working day, else the next working day. */
function workingDayOnOrAfter(date: IsoDate): IsoDate {
  return isWorkingDay(toDayNumber(date)) ? date : addWorkingDays(date, 1)
}

/** The last day allowed by "within n working days of start", counted inclusively as the DfE does. */
function withinWorkingDays(start: IsoDate, n: number): IsoDate {
  return cal.addWorkingDays(workingDayOnOrAfter(start), n - 1)
}

function workingDays(start: IsoDate, n: number): IsoDate {
  return cal.addWorkingDays(workingDayOnOrAfter(start), n)
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b
}

function birthday(dob: IsoDate, age: number): IsoDate {
  const y = Number(dob.slice(0, 4)) + age
  const md = dob.slice(5)
  // A child born on 29 February has their birthday on 1 March in a common year.
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return `${y}-03-01`
  return `${y}-${md}`
}

function postcode(random: Random, district: string): string {
  const letters = 'ABDEFGHJLNPQRSTUWXYZ'
  return `${district} ${random.int(1, 9)}${random.pick([...letters])}${random.pick([...letters])}`
}

/** The part of a postcode SSDA903 asks for: the district and the sector digit ('RM17 6'). */
export function partialPostcode(full: string): string {
  return full.slice(0, full.indexOf(' ') + 2)
}

// ---------------------------------------------------------------------------------------------
// The population

interface Context {
  options: AuthorityOptions
  laCode: string
  workforce: Workforce
  yearStart: IsoDate
  asOf: IsoDate
}

const FAMILY_KIND = weighted<Cohort>([
  ['in-need', 10],
  ['contact-only', 34],
  ['care-leaver', 0.9],
])

/** The authority's families, one at a time, until `children` children in need have been generated. */
export function* generateFamilies(options: AuthorityOptions, workforce?: Workforce): Generator<Family> {
  const ctx: Context = {
    options,
    laCode: options.laCode ?? '883',
    workforce: workforce ?? buildWorkforce(options),
    yearStart: options.year.start,
    asOf: options.year.end,
  }
  let inNeed = 0
  let childIndex = 0
  for (let f = 0; inNeed < options.children; f++) {
    const random = streamFor(options.seed, 'family', f)
    const cohort = random.weighted(FAMILY_KIND)
    if (cohort === 'contact-only' && options.contactOnly === false) continue
    if (cohort === 'care-leaver' && options.careLeavers === false) continue
    const family = makeFamily(random, ctx, f, cohort, options.children - inNeed, childIndex)
    childIndex += family.children.length
    if (cohort === 'in-need') inNeed += family.children.length
    yield family
  }
}

/** Every child of the authority, one at a time (see `generateFamilies`). */
export function* generateChildren(options: AuthorityOptions, workforce?: Workforce): Generator<Child> {
  for (const family of generateFamilies(options, workforce)) yield* family.children
}

function makeFamily(
  random: Random,
  ctx: Context,
  index: number,
  cohort: Cohort,
  inNeedLeft: number,
  firstChild: number,
): Family {
  const uasc = cohort === 'in-need' && random.chance(0.04)
  const id = `F${String(index + 1).padStart(7, '0')}`
  const familyName = random.pick(uasc ? FAMILY_NAMES_UASC : FAMILY_NAMES)
  const home = postcode(random, random.pick(HOME_DISTRICTS))
  const adults: Adult[] = []
  if (!uasc && cohort !== 'care-leaver') {
    const motherAge = random.int(19, 45)
    adults.push({
      id: `${id}-A1`,
      role: 'mother',
      givenName: random.pick(GIVEN_NAMES_F),
      familyName,
      sex: 'F',
      dateOfBirth: random.dateBetween(
        days(ctx.yearStart, -(motherAge + 1) * 365),
        days(ctx.yearStart, -motherAge * 365),
      ),
    })
    if (random.chance(0.55)) {
      const role = random.chance(0.75) ? 'father' : 'step-parent'
      adults.push({
        id: `${id}-A2`,
        role,
        givenName: random.pick(GIVEN_NAMES_M),
        familyName: role === 'father' && random.chance(0.6) ? familyName : random.pick(FAMILY_NAMES),
        sex: 'M',
        dateOfBirth: random.dateBetween(days(ctx.yearStart, -50 * 365), days(ctx.yearStart, -20 * 365)),
      })
    }
    if (random.chance(0.08)) {
      adults.push({
        id: `${id}-A3`,
        role: 'grandparent',
        givenName: random.pick(GIVEN_NAMES_F),
        familyName,
        sex: 'F',
        dateOfBirth: random.dateBetween(days(ctx.yearStart, -75 * 365), days(ctx.yearStart, -45 * 365)),
      })
    }
  }
  let count = uasc || cohort === 'care-leaver' ? 1 : random.weighted(SIBLINGS)
  if (cohort === 'in-need') count = Math.min(count, inNeedLeft)
  // Siblings are usually referred together, by the same contact.
  const anchor = random.dateBetween(ctx.yearStart, days(ctx.asOf, -10))
  const children: Child[] = []
  for (let c = 0; c < count; c++) {
    const childRandom = streamFor(ctx.options.seed, 'family', index, 'child', c)
    const child = makeChild(childRandom, ctx, {
      index: firstChild + c,
      cohort,
      familyId: id,
      familyName,
      home,
      uasc,
      unborn: cohort === 'in-need' && c === count - 1 && count > 1 && childRandom.chance(0.08),
      anchor: c > 0 && childRandom.chance(0.7) ? anchor : null,
    })
    children.push(child)
  }
  return { index, id, familyName, postcode: home, adults, children }
}

const SIBLINGS = weighted<number>([
  [1, 45],
  [2, 30],
  [3, 15],
  [4, 7],
  [5, 3],
])

interface ChildSeed {
  index: number
  cohort: Cohort
  familyId: string
  familyName: string
  home: string
  uasc: boolean
  unborn: boolean
  anchor: IsoDate | null
}

function makeChild(random: Random, ctx: Context, seed: ChildSeed): Child {
  const { yearStart, asOf } = ctx
  const sexRoll = random.next()
  let sex: Sex = seed.uasc ? (sexRoll < 0.92 ? 'M' : 'F') : sexRoll < 0.51 ? 'M' : sexRoll < 0.995 ? 'F' : 'U'
  let dateOfBirth: IsoDate | null
  let expectedDateOfBirth: IsoDate | null = null
  if (seed.cohort === 'care-leaver') {
    const age = random.int(18, 21)
    dateOfBirth = random.dateBetween(days(yearStart, -(age + 1) * 365 + 1), days(yearStart, -age * 365))
  } else if (seed.uasc) {
    dateOfBirth = random.dateBetween(days(yearStart, -18 * 365 + 60), days(yearStart, -14 * 365))
  } else if (seed.unborn) {
    // Expected between the last months of the year and the following December.
    const edd = random.dateBetween(days(asOf, -150), days(asOf, 240))
    // Born in the last weeks of the year, there would be no time left to be referred: still unborn.
    if (edd > days(asOf, -20)) {
      expectedDateOfBirth = maxDate(edd, days(asOf, 1))
      dateOfBirth = null
      sex = 'U'
    } else dateOfBirth = edd
  } else {
    const [lo, hi] = random.weighted(CIN_AGES)
    const age = random.int(lo, hi)
    dateOfBirth = random.dateBetween(days(yearStart, -(age + 1) * 365 + 1), days(yearStart, -age * 365))
  }
  const bornOrDue = (dateOfBirth ?? expectedDateOfBirth) as IsoDate
  const givenName = seed.uasc
    ? random.pick(GIVEN_NAMES_UASC)
    : random.pick(
        sex === 'F'
          ? GIVEN_NAMES_F
          : sex === 'M'
            ? GIVEN_NAMES_M
            : random.pick([GIVEN_NAMES_F, GIVEN_NAMES_M]),
      )
  const disabled = !seed.uasc && random.chance(0.12)
  const disabilities = disabled ? random.distinct(DISABILITIES, random.weighted(DISABILITY_COUNT)) : []

  // School-age children have a UPN; younger ones mostly not yet (UN1); UASC never attended school here (UN2).
  let upn: string | null = null
  let upnUnknown: string | null = null
  const ageAtStart = dateOfBirth ? ageOn(dateOfBirth, yearStart) : -1
  if (seed.uasc) upnUnknown = 'UN2'
  else if (ageAtStart >= 4 || (ageAtStart >= 2 && random.chance(0.3))) {
    upn = makeUpn(ctx.laCode, Number(birthday(dateOfBirth as IsoDate, 4).slice(0, 4)), seed.index)
  } else upnUnknown = 'UN1'

  const child: Child = {
    index: seed.index,
    laChildId: `${ctx.laCode}C${String(seed.index + 1).padStart(8, '0')}`,
    cohort: seed.cohort,
    familyId: seed.familyId,
    givenName,
    familyName: seed.familyName,
    sex,
    dateOfBirth,
    expectedDateOfBirth,
    dateOfDeath: null,
    ethnicity: random.weighted(seed.uasc ? UASC_ETHNICITIES : ETHNICITIES),
    disabilities,
    upn,
    upnUnknown,
    nhsNumber: seed.uasc && random.chance(0.3) ? null : dateOfBirth ? makeNhsNumber(random) : null,
    postcode: seed.home,
    motherOfChildBorn: null,
    uasc: seed.uasc ? { ceased: birthday(dateOfBirth as IsoDate, 18) } : null,
    contacts: [],
    referrals: [],
    care: [],
    lacReviews: [],
    missing: [],
    adoption: null,
    previousPermanence: null,
    socialWorkers: [],
    health: null,
    careLeaver: [],
  }

  if (seed.cohort === 'contact-only') contactOnlyJourney(random, ctx, child)
  else if (seed.cohort === 'care-leaver') careLeaverJourney(random, ctx, child)
  else inNeedJourney(random, ctx, child, bornOrDue, seed)

  cutAt(child, asOf)
  if (child.care.length > 0) afterCare(random, ctx, child)
  return child
}

const DISABILITY_COUNT = weighted<number>([
  [1, 55],
  [2, 30],
  [3, 15],
])

// ---------------------------------------------------------------------------------------------
// Journeys

const CONTACT_DECISIONS_NO_REFERRAL = weighted<ContactDecision>([
  ['no-further-action', 30],
  ['information-and-advice', 25],
  ['signpost', 15],
  ['early-help', 25],
  ['transfer', 5],
])

function contactOnlyJourney(random: Random, ctx: Context, child: Child): void {
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

/** Children in need: referrals from the first one on, until the end of the year. */
function inNeedJourney(
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

interface JourneyState {
  previousPlans: number
  careEntered: boolean
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

/** Contacts about a child whose case is open go to the allocated worker, not to a new referral. */
function knownChildContacts(random: Random, child: Child, from: IsoDate, to: IsoDate): void {
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

function contactFor(
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

/**
 * One referral: the contact, the MASH decision, then no further action, or an assessment with
 * perhaps a strategy discussion, section 47 enquiry, conference and CP plan, or a CIN plan; and
 * for some children, care.
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

  // The assessment: 45 working days from the referral, most on time.
  const assessmentStart = urgent ? referralDate : workingDays(referralDate, random.int(0, 3))
  const onTime = random.chance(0.84)
  const lastDay = withinWorkingDays(referralDate, 45)
  const authorised = onTime
    ? minDate(workingDays(referralDate, Math.round(random.normal(30, 9, 5, 44))), lastDay)
    : workingDays(referralDate, random.int(45, 75))
  const assessment: Assessment = {
    start: assessmentStart,
    authorised: maxDate(authorised, assessmentStart),
    factors: [],
  }
  referral.assessments.push(assessment)

  let planFrom = assessment.authorised as IsoDate
  let cpPlan: CpPlan | null = null
  if (urgent) {
    const strategy = referralDate
    const s47: Section47 = {
      strategyDiscussion: strategy,
      start: strategy,
      icpcTarget: withinWorkingDays(strategy, 15),
      icpc: null,
      icpcNotRequired: false,
      completed: null,
    }
    referral.section47s.push(s47)
    if (random.chance(0.5)) {
      s47.icpc = random.chance(0.8)
        ? cal.addWorkingDays(strategy, random.int(6, 14))
        : cal.addWorkingDays(strategy, random.int(15, 28))
      s47.completed = s47.icpc
      if (random.chance(0.88)) {
        cpPlan = makeCpPlan(random, s47.icpc, state, age)
        referral.cpPlans.push(cpPlan)
      }
    } else {
      s47.icpcNotRequired = true
      s47.completed = cal.addWorkingDays(strategy, random.int(3, 12))
    }
    planFrom = maxDate(planFrom, s47.completed)
  }
  assessment.factors = cpPlan || urgent || random.chance(0.75) ? factors(random) : ['21']

  // Emergencies: police protection, or a teenager accommodated under section 20.
  if (!cpPlan) {
    const emergency = urgent && random.chance(0.07)
    // An assessment that found nothing (factor 21) closes the case; it does not lead to care.
    const nothingFound = assessment.factors.length === 1 && assessment.factors[0] === '21'
    const teenager = age >= 12 && !nothingFound && random.chance(0.05)
    const careStart = emergency
      ? referralDate
      : workingDays(assessment.authorised as IsoDate, random.int(0, 10))
    if ((emergency || teenager) && canEnterCare(child, careStart)) {
      const end = enterCare(random, ctx, child, careStart, emergency ? 'police' : 's20', referral, state)
      return closeForCare(referral, end, child, planFrom)
    }
  }

  if (cpPlan) {
    // Care proceedings for some; a CIN plan after the CP plan for many.
    // The assessment may be authorised after the plan ends: the episode stays open until it is.
    const activityEnd = maxDate(cpPlan.end as IsoDate, planFrom)
    if (cpPlan.end !== null && canEnterCare(child, cpPlan.end) && random.chance(0.16)) {
      const end = enterCare(random, ctx, child, cpPlan.end, 'proceedings', referral, state)
      return closeForCare(referral, end, child, activityEnd)
    }
    let closeOn = activityEnd
    if (random.chance(0.55)) {
      const plan = cinPlan(random, cal.addWorkingDays(cpPlan.end as IsoDate, 1), 3, 9)
      referral.cinPlans.push(plan)
      closeOn = maxDate(plan.end as IsoDate, activityEnd)
    }
    referral.closureDate = closeOn
    referral.closureReason = 'RC7'
    return referral
  }

  // After the assessment: closed (no further action, or to early help), or a CIN plan.
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

function factors(random: Random): string[] {
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

function makeCpPlan(random: Random, start: IsoDate, state: JourneyState, age: number): CpPlan {
  const months = random.weighted(CP_PLAN_MONTHS)
  const lengthDays = random.int(months[0] * 30, months[1] * 30)
  const end = workingDayOnOrAfter(days(start, Math.max(lengthDays, 35)))
  // Teenagers are more often on plans for emotional or sexual abuse, babies for neglect.
  let category = random.weighted(CATEGORIES_OF_ABUSE)
  if (age >= 0 && age < 1 && category === 'SAB') category = 'NEG'
  const latest = random.chance(0.88) ? category : random.weighted(CATEGORIES_OF_ABUSE)
  // Reviews: the first within 3 months of the conference, then at most every 6 months.
  const reviews: IsoDate[] = []
  let review = workingDayOnOrAfter(days(start, random.chance(0.9) ? random.int(70, 90) : random.int(92, 120)))
  while (review < end) {
    reviews.push(review)
    review = workingDayOnOrAfter(
      days(review, random.chance(0.92) ? random.int(150, 182) : random.int(185, 220)),
    )
  }
  const plan: CpPlan = {
    start,
    end,
    initialCategory: category,
    latestCategory: latest,
    previousPlans: state.previousPlans,
    reviews,
  }
  state.previousPlans += 1
  return plan
}

const CP_PLAN_MONTHS = weighted<[number, number]>([
  [[2, 6], 30],
  [[6, 12], 38],
  [[12, 18], 18],
  [[18, 24], 9],
  [[24, 36], 5],
])

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

// ---------------------------------------------------------------------------------------------
// Care

type CareRoute = 'police' | 's20' | 'proceedings' | 'uasc' | 'remand' | 'long-stay'

interface Placement {
  place: string
  provider: string | null
  postcode: string
  urn: string
}

function choosePlacement(
  random: Random,
  ctx: Context,
  child: Child,
  on: IsoDate,
  route: CareRoute,
): Placement {
  const age = ageOn(child.dateOfBirth as IsoDate, on)
  let place: string
  if (route === 'remand') place = random.chance(0.7) ? 'R5' : 'K1'
  else if (age >= 16) place = random.weighted(PLACES_16_PLUS)
  else if (age >= 10) place = random.weighted(PLACES_10_15)
  else place = random.weighted(PLACES_UNDER_10)
  const inArea = place === 'P1' || random.chance(0.4)
  const district = inArea ? (child.postcode.split(' ')[0] as string) : random.pick(OUT_OF_AREA_DISTRICTS)
  // Only a child placed with parents lives in the home sector (rule 392d).
  let at = child.postcode
  while (place !== 'P1' && partialPostcode(at) === partialPostcode(child.postcode))
    at = postcode(random, district)
  return {
    place,
    provider: provider(random, place),
    postcode: at,
    urn: URN_PLACES.has(place) ? `SC${random.digits(6)}` : 'XXXXXXX',
  }
}

const PLACES_UNDER_10 = weighted<string>([
  ['U6', 50],
  ['U4', 14],
  ['U3', 14],
  ['U1', 4],
  ['K2', 3],
  ['P1', 8],
  ['R3', 2],
])
const PLACES_10_15 = weighted<string>([
  ['U6', 44],
  ['U4', 18],
  ['U3', 8],
  ['U1', 4],
  ['K2', 16],
  ['P1', 6],
  ['S1', 2],
])
const PLACES_16_PLUS = weighted<string>([
  ['K3', 42],
  ['U6', 18],
  ['U4', 10],
  ['U3', 4],
  ['K2', 16],
  ['P1', 6],
  ['P3', 1],
])

/** Placements that carry an Ofsted URN (children's homes and the like); the rest report XXXXXXX. */
const URN_PLACES: ReadonlySet<string> = new Set(['K1', 'K2', 'R3', 'S1', 'K3'])

function provider(random: Random, place: string): string | null {
  switch (place) {
    case 'P1':
      return 'PR0'
    case 'U1':
    case 'U2':
    case 'U3':
      return 'PR1'
    case 'U4':
    case 'U5':
    case 'U6':
      return random.chance(0.45) ? 'PR1' : 'PR4'
    case 'K2':
      return random.chance(0.15) ? 'PR1' : 'PR4'
    case 'K3':
      return random.chance(0.7) ? 'PR4' : 'PR5'
    case 'K1':
      return random.chance(0.5) ? 'PR1' : 'PR2'
    case 'A3':
    case 'A4':
    case 'A5':
    case 'A6':
      return random.chance(0.6) ? 'PR1' : random.chance(0.5) ? 'PR2' : 'PR5'
    case 'R5':
      return 'PR3'
    case 'T0':
    case 'T1':
    case 'T2':
    case 'T3':
      return null
    default:
      return 'PR4'
  }
}

interface EpisodeDraft {
  start: IsoDate
  legalStatus: string
  placement: Placement
  reasonNew: string
  /** Why the previous placement ended, when this episode starts a new one. */
  reasonPlaceChange: string | null
}

/**
 * A period of care from `start`: the legal statuses and placements it passes through, as
 * SSDA903 episodes, and how it ends. Returns the end date and reason, or null if it goes on
 * past the end of the simulation.
 */
function enterCare(
  random: Random,
  ctx: Context,
  child: Child,
  start: IsoDate,
  route: CareRoute,
  referral: Referral | null,
  state: JourneyState,
  mustLastUntil?: IsoDate,
): { date: IsoDate; reason: string } | null {
  state.careEntered = true
  const dob = child.dateOfBirth as IsoDate
  const age = ageOn(dob, start)
  const eighteen = birthday(dob, 18)
  const need =
    referral?.primaryNeed && referral.primaryNeed !== 'N9' && referral.primaryNeed !== 'N0'
      ? referral.primaryNeed
      : 'N1'
  const categoryOfNeed = route === 'uasc' ? 'N8' : route === 'remand' ? 'N6' : need

  // How long, and how it ends.
  let lengthDays: number
  let reason: string
  let adoption = false
  if (route === 'remand') {
    lengthDays = random.int(7, 90)
    reason = 'E14'
  } else if (route === 'police') {
    // At least a week: police protection lasts 72 hours at most (rule 361), then another status.
    lengthDays = random.chance(0.5) ? random.int(7, 30) : random.skewed(400, 0.8)
    reason = lengthDays < 31 ? 'E4A' : random.weighted(ENDINGS_YOUNG)
  } else if (route === 's20') {
    lengthDays = random.skewed(150, 0.9)
    reason = random.weighted(ENDINGS_TEEN)
  } else if (route === 'uasc') {
    lengthDays = 99999
    reason = 'E5'
  } else {
    // Long stays are all open when the year starts, so fewer of them end in adoption (England
    // adopts about 3% of the children looked after in a year).
    adoption = age < 5 && random.chance(route === 'long-stay' ? 0.2 : 0.45)
    lengthDays = adoption ? random.int(420, 900) : random.skewed(route === 'long-stay' ? 2200 : 600, 0.7)
    reason = adoption
      ? random.chance(0.8)
        ? 'E11'
        : 'E12'
      : random.weighted(age < 10 ? ENDINGS_YOUNG : ENDINGS_TEEN)
  }
  let end = workingDayOnOrAfter(days(start, Math.max(2, lengthDays)))
  if (mustLastUntil && end <= mustLastUntil)
    end = workingDayOnOrAfter(days(mustLastUntil, random.skewed(200, 0.8)))
  // Nobody is looked after past their 18th birthday.
  if (end >= eighteen) {
    end = eighteen
    reason = random.weighted(ENDINGS_AT_EIGHTEEN)
  }

  // Legal statuses along the way.
  const drafts: EpisodeDraft[] = []
  let legal: string
  if (route === 'police') legal = 'L1'
  else if (route === 'remand') legal = 'J1'
  else if (route === 's20' || route === 'uasc') legal = 'V2'
  // Older teenagers are accommodated under section 20: no care order is made at 17.
  else legal = age < 16 && random.chance(0.8) ? 'C1' : 'V2'
  let placement = choosePlacement(random, ctx, child, start, route)
  drafts.push({ start, legalStatus: legal, placement, reasonNew: 'S', reasonPlaceChange: null })

  const statusChanges: { on: IsoDate; legal: string }[] = []
  if (route === 'police') {
    const on = days(start, random.int(1, 3))
    if (on < end) statusChanges.push({ on, legal: age < 12 ? 'C1' : 'V2' })
    if (age < 12 && end > days(start, 200))
      statusChanges.push({ on: days(start, random.int(150, 300)), legal: 'C2' })
  } else if (route === 'proceedings' || route === 'long-stay') {
    if (legal === 'C1' && end > days(start, 200))
      statusChanges.push({ on: days(start, random.int(150, 300)), legal: 'C2' })
    else if (legal === 'V2' && end > days(start, 150) && age < 16 && random.chance(0.5)) {
      const c1 = days(start, random.int(30, 120))
      statusChanges.push({ on: c1, legal: 'C1' })
      if (end > days(c1, 200)) statusChanges.push({ on: days(c1, random.int(150, 300)), legal: 'C2' })
    }
  }
  let adoptionRecord: Adoption | null = null
  if (adoption) {
    const lastOrder = statusChanges.at(-1)?.on ?? days(start, 200)
    const byFosterCarer = random.chance(0.15)
    let placementOrder = maxDate(days(lastOrder, random.int(0, 30)), days(start, 120))
    let decision = days(placementOrder, -random.int(20, 80))
    let matched = days(placementOrder, random.int(40, 200))
    let placed = workingDayOnOrAfter(days(matched, random.int(14, 60)))
    if (byFosterCarer) {
      // Foster carers who adopt: the placement order and the adoptive placement on one day,
      // so the new episode changes both legal status and placement with the same carers (U).
      placed = workingDayOnOrAfter(placementOrder)
      placementOrder = placed
      matched = days(placed, -random.int(0, 14))
    }
    // The adoption order ends care: nothing happens after it.
    end = workingDayOnOrAfter(days(placed, random.int(90, 200)))
    if (mustLastUntil && end <= mustLastUntil) {
      // A long stay still looked after when the year starts: the adoption comes later.
      const shift = toDayNumber(mustLastUntil) - toDayNumber(end) + random.int(10, 700)
      placementOrder = days(placementOrder, shift)
      matched = days(matched, shift)
      decision = days(decision, shift)
      placed = workingDayOnOrAfter(days(placed, shift))
      if (byFosterCarer) placementOrder = placed
      end = workingDayOnOrAfter(days(end, shift))
      if (end <= placed) end = workingDayOnOrAfter(days(placed, 90))
    }
    statusChanges.push({ on: placementOrder, legal: 'E1' })
    const couple = random.chance(0.85)
    const sexes = couple ? random.weighted(COUPLES) : random.chance(0.8) ? 'F1' : 'M1'
    adoptionRecord = {
      decision,
      placementOrder,
      matched,
      placed,
      adopted: end,
      byFosterCarer,
      adopters: couple ? 2 : 1,
      adopterSexes: sexes,
      adopterLegalStatus: couple
        ? sexes === 'MF'
          ? random.chance(0.8)
            ? 'L11'
            : 'L3'
          : random.chance(0.6)
            ? 'L12'
            : 'L4'
        : 'L0',
      reversed: null,
    }
  }

  // Placement moves: most children have none in a year; some have several.
  const moves: IsoDate[] = []
  const span = toDayNumber(end) - toDayNumber(start)
  let t = 0
  while (moves.length < 8) {
    // About one move every two years on average; a few children move often.
    t += random.skewed(560, 1.1)
    if (t >= span - 1) break
    moves.push(days(start, Math.max(1, Math.round(t))))
  }
  if (adoptionRecord) {
    // Once placed for adoption the child stays with the adopters until the order.
    const placed = adoptionRecord.placed as IsoDate
    while (moves.length > 0 && (moves[moves.length - 1] as IsoDate) >= placed) moves.pop()
    moves.push(placed)
  }
  moves.sort()

  // Merge status changes and moves into episodes in date order.
  const events: { on: IsoDate; legal?: string; move?: boolean }[] = [
    ...statusChanges.map((s) => ({ on: s.on, legal: s.legal })),
    ...moves.map((m) => ({ on: m, move: true })),
  ].filter((e) => e.on > start && e.on < end)
  events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
  const adoptivePlacement = (before: EpisodeDraft): { placement: Placement; sameCarers: boolean } => {
    // Only foster carers can adopt as the child's current carers (rules 217, 336).
    const sameCarers = adoptionRecord?.byFosterCarer === true && /^U[1-6]$/.test(before.placement.place)
    if (adoptionRecord && !sameCarers) adoptionRecord.byFosterCarer = false
    return {
      sameCarers,
      placement: {
        place: sameCarers ? (legal === 'E1' ? 'A5' : 'A3') : legal === 'E1' ? 'A6' : 'A4',
        provider: random.chance(0.6) ? 'PR1' : 'PR5',
        postcode: sameCarers
          ? before.placement.postcode
          : postcode(random, random.pick(OUT_OF_AREA_DISTRICTS)),
        urn: 'XXXXXXX',
      },
    }
  }
  for (const e of events) {
    const last = drafts[drafts.length - 1] as EpisodeDraft
    if (e.on === last.start) {
      if (e.legal) last.legalStatus = e.legal
      else if (adoptionRecord !== null && e.on === adoptionRecord.placed && drafts.length > 1) {
        // The placement order and the adoptive placement on one day: one episode for both.
        const chosen = adoptivePlacement(drafts[drafts.length - 2] as EpisodeDraft)
        placement = chosen.placement
        last.placement = placement
        last.reasonNew = chosen.sameCarers ? 'U' : 'T'
        last.reasonPlaceChange = 'CARPL'
      }
      // Any other move on the day of a legal change is let go.
      continue
    }
    if (e.legal) {
      legal = e.legal
      drafts.push({ start: e.on, legalStatus: legal, placement, reasonNew: 'L', reasonPlaceChange: null })
    } else {
      const adoptive = adoptionRecord !== null && e.on === adoptionRecord.placed
      placement = adoptive
        ? adoptivePlacement(last).placement
        : choosePlacement(random, ctx, child, e.on, route)
      drafts.push({
        start: e.on,
        legalStatus: legal,
        placement,
        reasonNew: 'P',
        reasonPlaceChange: adoptive ? 'CARPL' : random.weighted(REASONS_PLACE_CHANGE),
      })
    }
  }

  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i] as EpisodeDraft
    const next = drafts[i + 1]
    child.care.push({
      start: d.start,
      end: next ? next.start : end,
      reasonNew: d.reasonNew,
      legalStatus: d.legalStatus,
      categoryOfNeed,
      placement: d.placement.place,
      provider: d.placement.provider,
      reasonCeased: next ? 'X1' : reason,
      reasonPlaceChange: next?.reasonPlaceChange ?? null,
      homePostcode: partialPostcode(child.postcode),
      placementPostcode: partialPostcode(d.placement.postcode),
      urn: d.placement.urn,
    })
  }
  if (adoptionRecord) child.adoption = adoptionRecord

  // Previous permanence, asked of every child who starts to be looked after.
  child.previousPermanence = random.chance(0.92)
    ? { kind: 'Z1', date: null }
    : { kind: random.pick(['P1', 'P2', 'P3']), date: days(start, -random.int(300, 2500)) }

  // Reviews: within 20 working days, then 3 months, then every 6 months.
  let review = withinWorkingDays(start, random.chance(0.9) ? random.int(10, 20) : random.int(21, 30))
  let gap = 91
  while (review < end) {
    const age = ageOn(dob, review)
    child.lacReviews.push({
      date: review,
      participation: age < 4 ? 'PN0' : random.weighted(REVIEW_PARTICIPATION),
    })
    review = workingDayOnOrAfter(
      days(review, random.chance(0.9) ? random.int(gap - 25, gap - 1) : random.int(gap + 3, gap + 40)),
    )
    gap = 182
  }

  // Missing episodes, mostly teenagers in residential care: some children go missing in a
  // year of care, and those who do usually more than once.
  const residential = child.care.some((e) => e.placement === 'K2' || e.placement === 'K3')
  for (let from = maxDate(start, birthday(dob, 10)); from < end; from = days(from, 365)) {
    if (!random.chance(residential ? 0.65 : 0.25)) continue
    const to = minDate(days(from, 364), days(end, -1))
    if (to < from) break
    const count = random.weighted(MISSING_COUNT)
    const starts: IsoDate[] = []
    for (let i = 0; i < count; i++) starts.push(random.dateBetween(from, to))
    starts.sort()
    let free = from
    for (const s of starts) {
      // Episodes of one child do not overlap: each starts after the last ended.
      if (s < free) continue
      const back = minDate(days(s, random.chance(0.7) ? random.int(0, 1) : random.int(2, 10)), end)
      child.missing.push({ kind: random.chance(0.8) ? 'M' : 'A', start: s, end: back })
      free = days(back, 1)
    }
  }

  // Social workers: allocated at the start, and changed now and then.
  let sw = allocate(random, ctx.workforce, 'children-looked-after')
  let from = start
  for (;;) {
    const change = days(from, random.skewed(300, 0.7))
    if (change >= end) {
      child.socialWorkers.push({ workerId: sw.workerId, start: from, end, reasonEnded: null })
      break
    }
    child.socialWorkers.push({
      workerId: sw.workerId,
      start: from,
      end: change,
      reasonEnded: random.weighted(SW_CHANGE_REASONS),
    })
    sw = allocate(random, ctx.workforce, 'children-looked-after')
    from = change
  }

  return end > ctx.asOf ? null : { date: end, reason }
}

const ENDINGS_YOUNG = weighted<string>([
  ['E4A', 38],
  ['E4B', 3],
  ['E13', 4],
  ['E41', 6],
  ['E45', 22],
  ['E46', 4],
  ['E47', 5],
  ['E48', 2],
  ['E3', 2],
  ['E8', 3],
])
const ENDINGS_TEEN = weighted<string>([
  ['E4A', 45],
  ['E4B', 8],
  ['E13', 10],
  ['E41', 3],
  ['E45', 8],
  ['E46', 3],
  ['E3', 2],
  ['E9', 2],
  ['E8', 4],
])
const ENDINGS_AT_EIGHTEEN = weighted<string>([
  ['E5', 45],
  ['E6', 10],
  ['E17', 25],
  ['E7', 3],
  ['E4A', 7],
  ['E13', 5],
  ['E8', 5],
])
const COUPLES = weighted<string>([
  ['MF', 80],
  ['MM', 10],
  ['FF', 10],
])
const MISSING_COUNT = weighted<number>([
  [1, 40],
  [2, 20],
  [3, 12],
  [4, 8],
  [6, 6],
  [10, 3],
])

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

function careLeaverJourney(random: Random, ctx: Context, child: Child): void {
  const dob = child.dateOfBirth as IsoDate
  const eighteen = birthday(dob, 18)
  const careStart = random.dateBetween(birthday(dob, random.int(8, 16)), days(eighteen, -200))
  const state: JourneyState = { previousPlans: 0, careEntered: false }
  enterCare(random, ctx, child, careStart, 'long-stay', null, state, days(eighteen, -1))
  // In touch around each birthday from the 17th to the 21st that falls in the year.
  for (let age = 17; age <= 21; age++) {
    const b = birthday(dob, age)
    if (b < ctx.yearStart || b > ctx.asOf) continue
    child.careLeaver.push(careLeaverStatus(random, b, age))
  }
}

function careLeaverStatus(random: Random, b: IsoDate, age: number): CareLeaverStatus {
  const roll = random.next()
  const inTouch = roll < 0.9 ? 'YES' : roll < 0.94 ? 'NO' : roll < 0.97 ? 'REFU' : 'NREQ'
  if (inTouch !== 'YES') return { birthday: b, age, inTouch, activity: '0', accommodation: '0' }
  return {
    birthday: b,
    age,
    inTouch,
    activity: random.weighted(ACTIVITIES),
    accommodation: random.weighted(ACCOMMODATION),
  }
}

// ---------------------------------------------------------------------------------------------
// After the simulation

/** Things known only once the care history is cut at the end of the year: OC2 health, OC3, mothers. */
function afterCare(random: Random, ctx: Context, child: Child): void {
  const dob = child.dateOfBirth as IsoDate
  const last = child.care[child.care.length - 1] as CareEpisode
  const firstOfPeriod = periodStart(child.care)
  const ageAtEnd = ageOn(dob, ctx.asOf)
  if (last.end === null && toDayNumber(firstOfPeriod) <= toDayNumber(ctx.asOf) - 365) {
    // SDQ for children 4 and over at the start of the year and 16 or under at its end; none at
    // all for those under 4 at the end or 17 at the start (rules 157, 186, 188, 189); the few
    // in between have a score or reason SDQ1.
    const ageAtStart = ageOn(dob, ctx.yearStart)
    const sdqAge = ageAtStart >= 4 && ageAtEnd <= 16
    const noSdq = ageAtEnd < 4 || ageAtStart >= 17
    const score = !noSdq && random.chance(sdqAge ? 0.8 : 0.5) ? Math.round(random.normal(15, 6, 0, 40)) : null
    const misuse = ageAtEnd >= 10 && random.chance(0.04)
    child.health = {
      sdqScore: score,
      sdqReason:
        score !== null || noSdq ? null : sdqAge ? random.pick(['SDQ2', 'SDQ3', 'SDQ4', 'SDQ5']) : 'SDQ1',
      convicted: ageAtEnd >= 10 ? random.chance(0.03) : null,
      healthCheck: ageAtEnd < 5 ? random.chance(0.88) : null,
      immunisations: random.chance(0.85),
      teethCheck: random.chance(0.86),
      healthAssessment: random.chance(0.9),
      substanceMisuse: misuse,
      interventionReceived: misuse ? random.chance(0.7) : null,
      interventionOffered: misuse ? true : null,
    }
  }
  if (child.sex === 'F' && ageAtEnd >= 14 && random.chance(0.04)) {
    child.motherOfChildBorn = random.dateBetween(maxDate(birthday(dob, 13), firstOfPeriod), ctx.asOf)
  }
  // A young person leaving care at 18 in the year: their status around that birthday.
  if (child.cohort === 'in-need' && last.end !== null && last.end === birthday(dob, 18)) {
    child.careLeaver.push(careLeaverStatus(random, last.end, 18))
  }
}

/** The start of the last period of care (the last episode that started one, RNE S). */
export function periodStart(care: readonly CareEpisode[]): IsoDate {
  for (let i = care.length - 1; i >= 0; i--)
    if ((care[i] as CareEpisode).reasonNew === 'S') return (care[i] as CareEpisode).start
  return (care[0] as CareEpisode).start
}

/** Drop what happens after `asOf` and leave open what was still going on then. */
function cutAt(child: Child, asOf: IsoDate): void {
  const after = (d: IsoDate | null): boolean => d !== null && d > asOf
  child.contacts = child.contacts.filter((c) => c.receivedOn <= asOf)
  for (const c of child.contacts) if (after(c.decidedOn)) c.decidedOn = asOf
  child.referrals = child.referrals.filter((r) => r.referralDate <= asOf)
  for (const r of child.referrals) {
    if (after(r.closureDate)) {
      r.closureDate = null
      r.closureReason = null
    }
    r.assessments = r.assessments.filter((a) => a.start <= asOf)
    for (const a of r.assessments) {
      if (after(a.authorised)) {
        a.authorised = null
        a.factors = []
      }
    }
    r.section47s = r.section47s.filter((s) => s.start <= asOf)
    for (const s of r.section47s) {
      if (after(s.completed)) {
        s.completed = null
        s.icpc = null
        s.icpcNotRequired = false
      }
    }
    r.cpPlans = r.cpPlans.filter((p) => p.start <= asOf)
    for (const p of r.cpPlans) {
      if (after(p.end)) p.end = null
      p.reviews = p.reviews.filter((d) => d <= asOf)
    }
    r.cinPlans = r.cinPlans.filter((p) => p.start <= asOf)
    for (const p of r.cinPlans) if (after(p.end)) p.end = null
  }
  child.care = child.care.filter((e) => e.start <= asOf)
  for (const e of child.care) {
    if (after(e.end)) {
      e.end = null
      e.reasonCeased = null
    }
  }
  child.lacReviews = child.lacReviews.filter((r) => r.date <= asOf)
  child.missing = child.missing.filter((m) => m.start <= asOf)
  for (const m of child.missing) if (after(m.end)) m.end = null
  child.socialWorkers = child.socialWorkers.filter((s) => s.start <= asOf)
  for (const s of child.socialWorkers) {
    if (after(s.end)) {
      s.end = null
      s.reasonEnded = null
    }
  }
  if (child.adoption) {
    const a = child.adoption
    if (after(a.decision)) child.adoption = null
    else {
      if (after(a.placementOrder)) a.placementOrder = null
      if (after(a.matched)) a.matched = null
      if (after(a.placed)) a.placed = null
      if (after(a.adopted)) a.adopted = null
    }
  }
  if (after(child.dateOfDeath)) child.dateOfDeath = null
}

/** Children looked after: episodes of care, placements, reviews, missing episodes, adoption, leaving care. */
import { ageOn, type IsoDate } from '../../platform/calendar/dates.js'
import {
  ACCOMMODATION,
  ACTIVITIES,
  NEIGHBOUR_LA_CODES,
  OUT_OF_AREA_DISTRICTS,
  REASONS_PLACE_CHANGE,
  REVIEW_PARTICIPATION,
  SW_CHANGE_REASONS,
} from './codes.js'
import { toDayNumber } from './dates.js'
import {
  birthday,
  days,
  maxDate,
  minDate,
  partialPostcode,
  postcode,
  withinWorkingDays,
  workingDayOnOrAfter,
} from './population-dates.js'
import type {
  Adoption,
  CareEpisode,
  CareLeaverStatus,
  Child,
  Context,
  JourneyState,
  Referral,
} from './population-model.js'
import { allocate } from './population-workforce.js'
import { type Random, weighted } from './random.js'

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
  legal: string,
  previous?: Placement,
): Placement {
  const age = ageOn(child.dateOfBirth as IsoDate, on)
  // A child is placed with parents only under a care order (rule 378: not under section 20;
  // nor while in police protection or on remand, which take the child from home). A move from
  // home is never to home again (rule 435 wants the new placement to differ).
  const withParentsAllowed = (legal === 'C1' || legal === 'C2') && previous?.place !== 'P1'
  let place = 'P1'
  for (let tries = 0; place === 'P1' && tries < 20; tries++) {
    if (route === 'remand') place = random.chance(0.7) ? 'R5' : 'K1'
    else if (age >= 16) place = random.weighted(PLACES_16_PLUS)
    else if (age >= 10) place = random.weighted(PLACES_10_15)
    else place = random.weighted(PLACES_UNDER_10)
    if (withParentsAllowed) break
  }
  if (place === 'P1' && !withParentsAllowed) place = 'U6'
  const placeProvider = provider(random, place)
  // The LA's own provision (PR1) is in its own area, other than foster and adoptive carers
  // (rule 1015).
  const ownNonFoster = placeProvider === 'PR1' && !/^[UA]/.test(place)
  const inArea = place === 'P1' || ownNonFoster || random.chance(0.4)
  const district = inArea ? (child.postcode.split(' ')[0] as string) : random.pick(OUT_OF_AREA_DISTRICTS)
  // Only a child placed with parents lives in the home sector (rule 392d); a move is to another
  // address (rule 435).
  let at = child.postcode
  while (
    place !== 'P1' &&
    (partialPostcode(at) === partialPostcode(child.postcode) ||
      (previous !== undefined && partialPostcode(at) === partialPostcode(previous.postcode)))
  )
    at = postcode(random, district)
  return {
    place,
    provider: placeProvider,
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

export function provider(random: Random, place: string): string | null {
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

type CareEnd = { date: IsoDate; reason: string } | null

/**
 * A period of care from `start`: the legal statuses and placements it passes through, as
 * SSDA903 episodes, and how it ends. Returns the end date and reason, or null if it goes on
 * past the end of the simulation.
 *
 * The steps draw from `random` in this order, and the order is the generator's output: a step
 * moved or a draw added changes every child after it.
 */
export function enterCare(
  random: Random,
  ctx: Context,
  child: Child,
  start: IsoDate,
  route: CareRoute,
  referral: Referral | null,
  state: JourneyState,
  mustLastUntil?: IsoDate,
): CareEnd {
  state.careEntered = true
  // A child in care has their sex recorded (SSDA903 rule 232 reports U as an error).
  if (child.sex === 'U') child.sex = child.index % 2 === 0 ? 'M' : 'F'
  const dob = child.dateOfBirth as IsoDate
  const age = ageOn(dob, start)
  const need =
    referral?.primaryNeed && referral.primaryNeed !== 'N9' && referral.primaryNeed !== 'N0'
      ? referral.primaryNeed
      : 'N1'
  const categoryOfNeed = route === 'uasc' ? 'N8' : route === 'remand' ? 'N6' : need

  const ending = howCareEnds(random, route, age, start, birthday(dob, 18), mustLastUntil)
  let end = ending.end
  const legal = firstLegalStatus(random, route, age)
  const placement = choosePlacement(random, ctx, child, start, route, legal)
  const first: EpisodeDraft = {
    start,
    legalStatus: legal,
    placement,
    reasonNew: 'S',
    reasonPlaceChange: null,
  }
  const statusChanges = legalStatusChanges(random, route, legal, age, start, end)
  let adoption: Adoption | null = null
  if (ending.adoption) {
    const planned = adoptionJourney(random, start, statusChanges, mustLastUntil)
    adoption = planned.adoption
    end = planned.end
  }
  const moves = placementMoves(random, start, end, adoption)
  const drafts = episodeDrafts(random, ctx, child, route, first, end, statusChanges, moves, adoption)
  recordEpisodes(child, drafts, end, ending.reason, categoryOfNeed)
  if (adoption) child.adoption = adoption

  // Previous permanence, asked of every child who starts to be looked after.
  // An order made elsewhere names the authority that arranged it (LA_PERM); most were ours.
  child.previousPermanence = random.chance(0.92)
    ? { kind: 'Z1', date: null, la: null }
    : {
        kind: random.pick(['P1', 'P2', 'P3']),
        date: days(start, -random.int(300, 2500)),
        la: random.chance(0.7) ? ctx.laCode : random.pick(NEIGHBOUR_LA_CODES),
      }

  careReviews(random, child, start, end)
  missingEpisodes(random, child, start, end)
  careSocialWorkers(random, ctx, child, start, end, referral)
  return end > ctx.asOf ? null : { date: end, reason: ending.reason }
}

/** How long the care lasts and why it ends, by the route in; nobody is looked after past 18. */
function howCareEnds(
  random: Random,
  route: CareRoute,
  age: number,
  start: IsoDate,
  eighteen: IsoDate,
  mustLastUntil: IsoDate | undefined,
): { end: IsoDate; reason: string; adoption: boolean } {
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
  return { end, reason, adoption }
}

function firstLegalStatus(random: Random, route: CareRoute, age: number): string {
  if (route === 'police') return 'L1'
  if (route === 'remand') return 'J1'
  if (route === 's20' || route === 'uasc') return 'V2'
  // Older teenagers are accommodated under section 20: no care order is made at 17.
  return age < 16 && random.chance(0.8) ? 'C1' : 'V2'
}

/** Orders that follow the first legal status: interim then full care orders. */
function legalStatusChanges(
  random: Random,
  route: CareRoute,
  legal: string,
  age: number,
  start: IsoDate,
  end: IsoDate,
): { on: IsoDate; legal: string }[] {
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
  return statusChanges
}

/**
 * The road to an adoption order: decision, placement order (added to `statusChanges` as E1),
 * match and placement. The order ends care, so it gives the new end of care.
 */
function adoptionJourney(
  random: Random,
  start: IsoDate,
  statusChanges: { on: IsoDate; legal: string }[],
  mustLastUntil: IsoDate | undefined,
): { adoption: Adoption; end: IsoDate } {
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
  let end = workingDayOnOrAfter(days(placed, random.int(90, 200)))
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
  const adoption: Adoption = {
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
  return { adoption, end }
}

/** Placement moves: most children have none in a year; some have several. */
function placementMoves(random: Random, start: IsoDate, end: IsoDate, adoption: Adoption | null): IsoDate[] {
  const moves: IsoDate[] = []
  const span = toDayNumber(end) - toDayNumber(start)
  let t = 0
  while (moves.length < 8) {
    // About one move every two years on average; a few children move often.
    t += random.skewed(560, 1.1)
    if (t >= span - 1) break
    moves.push(days(start, Math.max(1, Math.round(t))))
  }
  if (adoption) {
    // Once placed for adoption the child stays with the adopters until the order.
    const placed = adoption.placed as IsoDate
    while (moves.length > 0 && (moves[moves.length - 1] as IsoDate) >= placed) moves.pop()
    moves.push(placed)
  }
  moves.sort()
  return moves
}

/** Status changes and moves merged in date order into episodes, each a change of one or both. */
function episodeDrafts(
  random: Random,
  ctx: Context,
  child: Child,
  route: CareRoute,
  first: EpisodeDraft,
  end: IsoDate,
  statusChanges: { on: IsoDate; legal: string }[],
  moves: IsoDate[],
  adoptionRecord: Adoption | null,
): EpisodeDraft[] {
  const start = first.start
  let legal = first.legalStatus
  let placement = first.placement
  const drafts: EpisodeDraft[] = [first]
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
      // Two legal changes on one day: the later one stands, for the episodes after too (rule 435).
      if (e.legal) last.legalStatus = legal = e.legal
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
        : choosePlacement(random, ctx, child, e.on, route, legal, last.placement)
      drafts.push({
        start: e.on,
        legalStatus: legal,
        placement,
        reasonNew: 'P',
        reasonPlaceChange: adoptive ? 'CARPL' : random.weighted(REASONS_PLACE_CHANGE),
      })
    }
  }
  return drafts
}

/** The drafts as SSDA903 episodes: each ends when the next starts, the last when care ends. */
function recordEpisodes(
  child: Child,
  drafts: EpisodeDraft[],
  end: IsoDate,
  reason: string,
  categoryOfNeed: string,
): void {
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
      reasonCeased: next ? 'X1' : sgoFitting(reason, d.placement.place),
      reasonPlaceChange: next?.reasonPlaceChange ?? null,
      homePostcode: child.postcode,
      placementPostcode: d.placement.postcode,
      urn: d.placement.urn,
    })
  }
}

/**
 * A special guardianship order to former foster carers (E45 relatives or friends, E46 others)
 * needs the child to be living with foster carers when care ends (rule 516): U1–U3 for E45,
 * U4–U6 for E46. Otherwise the order went to other carers (E47, E48).
 */
function sgoFitting(reason: string, place: string): string {
  if (reason !== 'E45' && reason !== 'E46') return reason
  if (/^U[1-3]$/.test(place)) return 'E45'
  if (/^U[4-6]$/.test(place)) return 'E46'
  return reason === 'E45' ? 'E47' : 'E48'
}

/** Reviews: within 20 working days, then 3 months, then every 6 months. */
function careReviews(random: Random, child: Child, start: IsoDate, end: IsoDate): void {
  const dob = child.dateOfBirth as IsoDate
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
}

/**
 * Missing episodes, mostly teenagers in residential care: some children go missing in a year of
 * care, and those who do usually more than once.
 */
function missingEpisodes(random: Random, child: Child, start: IsoDate, end: IsoDate): void {
  const dob = child.dateOfBirth as IsoDate
  const residential = child.care.some((e) => e.placement === 'K2' || e.placement === 'K3')
  // Episodes of one child do not overlap, across the yearly windows too (rule 574).
  let free = start
  for (let from = maxDate(start, birthday(dob, 10)); from < end; from = days(from, 365)) {
    if (!random.chance(residential ? 0.65 : 0.25)) continue
    const to = minDate(days(from, 364), days(end, -1))
    if (to < from) break
    const count = random.weighted(MISSING_COUNT)
    const starts: IsoDate[] = []
    for (let i = 0; i < count; i++) starts.push(random.dateBetween(from, to))
    starts.sort()
    for (const s of starts) {
      // Each starts after the last ended.
      if (s < free) continue
      // Back before care ends: a child missing when care ends is a case for E8 (rule 580).
      const back = minDate(days(s, random.chance(0.7) ? random.int(0, 1) : random.int(2, 10)), days(end, -1))
      child.missing.push({ kind: random.chance(0.8) ? 'M' : 'A', start: s, end: back })
      free = days(back, 1)
    }
  }
}

/** Social workers: allocated at the start, and changed now and then. */
function careSocialWorkers(
  random: Random,
  ctx: Context,
  child: Child,
  start: IsoDate,
  end: IsoDate,
  referral: Referral | null,
): void {
  let sw = allocate(random, ctx.workforce, 'children-looked-after')
  let from = start
  // Coming into care moves a case already open to the looked-after children's team as standard
  // (TSPROC); a child who comes into care at first contact (police protection, an unaccompanied
  // child, remand) gets a first social worker, written FCONTA as the episode view writes every
  // first worker (the code's own meaning is the end of a fixed-term or agency contract).
  let reason = referral === null ? 'FCONTA' : 'TSPROC'
  for (;;) {
    const change = days(from, random.skewed(300, 0.7))
    if (change >= end) {
      child.socialWorkers.push({ workerId: sw.workerId, start: from, end, reason })
      break
    }
    child.socialWorkers.push({ workerId: sw.workerId, start: from, end: change, reason })
    reason = random.weighted(SW_CHANGE_REASONS)
    sw = allocate(random, ctx.workforce, 'children-looked-after')
    from = change
  }
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

export function careLeaverJourney(random: Random, ctx: Context, child: Child): void {
  const dob = child.dateOfBirth as IsoDate
  const eighteen = birthday(dob, 18)
  const careStart = random.dateBetween(birthday(dob, random.int(8, 16)), days(eighteen, -200))
  const state: JourneyState = { previousPlans: 0, careEntered: false }
  enterCare(random, ctx, child, careStart, 'long-stay', null, state, days(eighteen, -1))
  // In touch around each birthday from the 19th to the 21st that falls in the year. They were
  // looked after on their 17th birthday and left care on their 18th, so the DfE asks nothing
  // then (rules 1007, 1016: not for 17- or 18-year-olds still looked after on the birthday).
  for (let age = 19; age <= 21; age++) {
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

/** Things known only once the care history is cut at the end of the year: OC2 health, OC3, mothers. */
export function afterCare(random: Random, ctx: Context, child: Child): void {
  const dob = child.dateOfBirth as IsoDate
  const last = child.care[child.care.length - 1] as CareEpisode
  const firstOfPeriod = periodStart(child.care)
  const ageAtEnd = ageOn(dob, ctx.asOf)
  // Health for OC2 as the DfE counts the 12 months: in care from 1 April at the latest, not left
  // before 31 March (rule 191).
  if ((last.end === null || last.end >= ctx.asOf) && firstOfPeriod <= ctx.yearStart) {
    // SDQ for children 4 and over at the start of the year and 16 or under at its end; none at
    // all for those under 4 at the end or 17 at the start (rules 157, 186, 188, 189); the few
    // in between have a score or reason SDQ1.
    const ageAtStart = ageOn(dob, ctx.yearStart)
    const sdqAge = ageAtStart >= 4 && ageAtEnd <= 16
    const noSdq = ageAtEnd < 4 || ageAtStart >= 17
    const score = !noSdq && random.chance(sdqAge ? 0.8 : 0.5) ? Math.round(random.normal(15, 6, 0, 40)) : null
    const misuse = ageAtEnd >= 10 && random.chance(0.04)
    const received = misuse ? random.chance(0.7) : null
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
      interventionReceived: received,
      // Asked only of a child who did not receive one: was one offered (rules 158, 159).
      interventionOffered: received === false ? true : null,
    }
  }
  if (child.sex === 'F' && ageAtEnd >= 14 && random.chance(0.04)) {
    // Her child is born while she is looked after (rule 625: not after she left care).
    const from = maxDate(birthday(dob, 13), firstOfPeriod)
    const to = last.end === null ? ctx.asOf : minDate(last.end, ctx.asOf)
    if (from <= to) child.motherOfChildBorn = random.dateBetween(from, to)
  }
  // A young person who leaves care on their 18th birthday was still looked after on it: the
  // DfE asks no care leaver information then (rules 1007, 1016).
}

/** The start of the last period of care (the last episode that started one, RNE S). */
export function periodStart(care: readonly CareEpisode[]): IsoDate {
  for (let i = care.length - 1; i >= 0; i--)
    if ((care[i] as CareEpisode).reasonNew === 'S') return (care[i] as CareEpisode).start
  return (care[0] as CareEpisode).start
}

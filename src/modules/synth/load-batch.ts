/**
 * What every part of the loader shares: London times of day, a batch of families' rows being
 * built in memory (with the ids taken for it), and the plans that link contacts, referrals and
 * the workers who held each child's case.
 */
import { type IsoDate, addCalendarDays, endOfLondonDay } from '../../platform/calendar/dates.js'
import type { ContactDecision as MashDecision, Rag, ThresholdLevel } from '../../platform/db/schema.js'

/** A MASH decision, or passing a contact about a child with an open case to its worker. */
type ContactDecision = MashDecision | 'passed_to_allocated_worker'
import { REFERRAL_SOURCES as SOURCE_CODES } from '../frontdoor/model.js'
import { nhsCheckDigit } from '../people/identifiers.js'
import type { CollectionYear } from '../returns/collection-year.js'
import { dayText, toDayNumber } from './dates.js'
import { type Child, type CinPlan, type Contact, type Referral } from './population.js'
import { type Random } from './random.js'
import { type Setup } from './load-setup.js'
import { type IdRange, type IdTable, type Row } from './store.js'

/** The DfE LA code in the synthetic authority's identifiers (Thurrock's). */
export const LA_CODE = '883'
/** Children in need per child record: ~2,650 in need gives Thurrock's ~1,000 contacts a month at 42,000. */
export const IN_NEED_SHARE = 2650 / 42000
/** Families written per transaction, as about this many children. */
export const BATCH_CHILDREN = 2000
export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000

// ---------------------------------------------------------------------------------------------
// Time

export const londonStarts = new Map<IsoDate, number>()

/** Milliseconds at London midnight starting `date`. */
export function londonStart(date: IsoDate): number {
  let start = londonStarts.get(date)
  if (start === undefined) {
    start = endOfLondonDay(dayText(toDayNumber(date) - 1)) + 1
    londonStarts.set(date, start)
  }
  return start
}

/** `minutes` after London midnight on `date`. */
export function at(date: IsoDate, minutes: number): number {
  return londonStart(date) + Math.round(minutes) * MINUTE
}

export function weekend(date: IsoDate): boolean {
  const d = (toDayNumber(date) + 4) % 7 // 1970-01-01 was a Thursday: 0 Sunday … 6 Saturday
  return d === 0 || d === 6
}

export function yearEnding(end: IsoDate): CollectionYear {
  return { label: `to ${end}`, start: addCalendarDays(end, -364), end, referenceDate: end }
}

export interface EventRow {
  id: number
  childId: number
  subjectType: string
  subjectId: string
  type: string
  at: number
  summary: string
  by: number | null
  attributes: Record<string, unknown>
}

export interface Segment {
  from: number
  to: number
  userId: number | null
  teamId: number
  closedBy: 'closure' | 'transfer'
  /** Why the child was given this worker (SW_REASON), when the spell says. */
  swReason?: string
}

/** A CIN plan as written: its row (whose version each visit moves on), frequency and worker. */
export interface CinPlanRecord {
  id: number
  row: Row
  frequency: string
}

export interface ChildState {
  personId: number
  child: Child
  segments: Segment[]
}

/** A front door decision of early help, for the early help team's manager to take up. */
export interface EarlyHelpDecision {
  state: ChildState
  ccId: number
  decidedAt: number
}

export interface ContactPlan {
  contact: Contact
  state: ChildState
  ccId: number
  open: boolean
  receivedAt: number
  ratedAt: number | null
  decidedAt: number | null
  decision: ContactDecision | null
  level: ThresholdLevel | null
  rag: Rag | null
  /** The MASH social worker who screened it and recommended the decision. */
  decider: number
  /** The manager who authorised the decision (who decided), once authorised. */
  authoriser: number | null
  referral: Referral | null
}

export const REFERRAL_DECISIONS = new Set(['referral', 'strategy-discussion'])

export const DECISION_CODE: Record<Contact['decision'], ContactDecision> = {
  'no-further-action': 'no_further_action',
  'information-and-advice': 'information_and_advice',
  signpost: 'signpost',
  'early-help': 'early_help',
  referral: 'referral',
  'strategy-discussion': 'strategy_discussion',
  transfer: 'transfer',
  'to-allocated-worker': 'passed_to_allocated_worker',
}

export const DECISION_LABEL: Record<ContactDecision, string> = {
  no_further_action: 'No further action',
  information_and_advice: 'Information and advice',
  signpost: 'Signpost to universal services',
  early_help: 'Early help',
  referral: 'Referral to children’s social care',
  strategy_discussion: 'Strategy discussion (and referral)',
  transfer: 'Transfer to the child’s home authority',
  passed_to_allocated_worker: 'Passed to the allocated worker',
}

/**
 * The level of need the MASH rated, as its decision follows it (the threshold document,
 * `reference/frontdoor/thresholds.json`): the low-level outcomes at levels 1 and 2 (no further
 * action at 1, early help at 2), a referral at 3 or, for some red contacts, 4 (the manager then
 * says why there is no strategy discussion), a strategy discussion at 4, a transfer at 3 (from 4
 * it would hold the strategy discussion here first). A contact for the allocated worker is
 * advice when the child turns out to have none: level 1, or 2 when it was not green.
 */
export function levelFor(random: Random, decision: ContactDecision, rag: Rag): ThresholdLevel {
  switch (decision) {
    case 'no_further_action':
      return '1'
    case 'information_and_advice':
    case 'signpost':
      return random.chance(0.6) ? '1' : '2'
    case 'early_help':
      return '2'
    case 'referral':
      return rag === 'red' && random.chance(0.5) ? '4' : '3'
    case 'strategy_discussion':
      return '4'
    case 'transfer':
      return '3'
    case 'passed_to_allocated_worker':
      return rag === 'green' ? '1' : '2'
  }
}

export const SOURCE_LABEL = new Map(SOURCE_CODES.map((s) => [s.code as string, s.label]))

export class Batch {
  readonly persons: Row[] = []
  readonly addresses: Row[] = []
  readonly relationships: Row[] = []
  readonly contacts: Row[] = []
  readonly contactChildren: Row[] = []
  readonly agencyChecks: Row[] = []
  readonly referrals: Row[] = []
  /** `contact_recommendation` rows: each MASH recommendation and what the manager did with it. */
  readonly recommendations: Row[] = []
  readonly strategyDiscussions: Row[] = []
  readonly strategyParticipants: Row[] = []
  /** The assessment and protection modules' rows (store.ts has their columns). */
  readonly casework = {
    assessments: [] as Row[],
    section47s: [] as Row[],
    conferences: [] as Row[],
    conferenceChildren: [] as Row[],
    cpPlans: [] as Row[],
    cpReviews: [] as Row[],
    cpVisits: [] as Row[],
    cpOutcomes: [] as Row[],
    cpActions: [] as Row[],
    coreGroups: [] as Row[],
    coreGroupAttendance: [] as Row[],
    coreGroupReviews: [] as Row[],
    /** The platform's `sign_off` rows: assessments sent to the manager and waiting at `asOf`. */
    signOffs: [] as Row[],
    /** Child in need plans (load-cin.ts), their reviews, and their visits (written with the notes). */
    cinPlans: [] as Row[],
    cinReviews: [] as Row[],
    cinVisits: [] as Row[],
    /** Each written CIN plan by the population's plan: its id and row, for its visits. */
    cinPlanOf: new Map<CinPlan, CinPlanRecord>(),
  }
  /** The casenotes module's rows (load-notes.ts): notes, the children on each, versions, oversight. */
  readonly notes = {
    notes: [] as Row[],
    children: [] as Row[],
    versions: [] as Row[],
    seen: [] as Row[],
    oversight: [] as Row[],
    oversightActions: [] as Row[],
  }
  /**
   * The care module's rows (load-care.ts): periods of care, placements, episodes, each period's
   * previous permanence, the missing episodes and UASC status; and (load-care-records.ts) the
   * IRO's allocations, reviews, visits, health, education and documents.
   */
  readonly care = {
    periods: [] as Row[],
    placements: [] as Row[],
    episodes: [] as Row[],
    previousPermanence: [] as Row[],
    missing: [] as Row[],
    uasc: [] as Row[],
    /** Deprivation of liberty orders (migration 0072), and why a child was given another worker. */
    dolo: [] as Row[],
    allocationReasons: [] as Row[],
    /** Migration 0069: each placement's route and weekly cost, dated, and its approvals. */
    placementCosts: [] as Row[],
    placementApprovals: [] as Row[],
    /** Migration 0073: each placement's plan (version 1) and its delegated authority. */
    placementPlans: [] as Row[],
    delegatedAuthority: [] as Row[],
    /** Each period's adoption record (migration 0068). */
    adoption: [] as Row[],
    /** Care proceedings (addProceedings), their hearings and the court's extensions. */
    proceedings: [] as Row[],
    proceedingsHearings: [] as Row[],
    proceedingsExtensions: [] as Row[],
    iroAllocations: [] as Row[],
    reviews: [] as Row[],
    visits: [] as Row[],
    healthAssessments: [] as Row[],
    healthChecks: [] as Row[],
    schools: [] as Row[],
    missingEducation: [] as Row[],
    peps: [] as Row[],
    attendance: [] as Row[],
    documents: [] as Row[],
    /** Each review's `lac_review.held` event, by the event's id: its clock's due date is known once evaluated. */
    reviewHeld: new Map<string, { row: Row; event: EventRow; chairName: string }>(),
    /** Each review's chair (the IRO), by review id: the minutes' task is theirs and stays theirs. */
    minutesChair: new Map<string, number>(),
    /** Each PEP's row by its `pep.completed` event's id, and the period each period-of-care subject is. */
    pepByEvent: new Map<string, Row>(),
  }
  /** Care's OC3 and OC2 records (load-care-outcomes.ts): care leavers' contacts, outcomes in care. */
  readonly careOutcomes = {
    leaverContacts: [] as Row[],
    outcomes: [] as Row[],
  }
  /** The earlyhelp module's rows (load-earlyhelp.ts), and the front door's decisions they take up. */
  readonly earlyHelp = {
    decisions: [] as EarlyHelpDecision[],
    episodes: [] as Row[],
    /** [episode id, lead's eh_taf_member id]: set once both are written. */
    leads: [] as [number, number][],
    members: [] as Row[],
    assessments: [] as Row[],
    meetings: [] as Row[],
    attendance: [] as Row[],
    closures: [] as Row[],
    /** Whose the episode's clock tasks are: the lead professional's once allocated. */
    owners: new Map<string, { userId: number; teamId: number; kept: boolean }>(),
    waiting: 0,
  }
  readonly grants: Row[] = []
  readonly events: EventRow[] = []
  readonly children: ChildState[] = []
  adults = 0
  openContactChildren = 0
  awaitingAuthorisation = 0
  reReferrals = 0
  openReferrals = 0

  constructor(
    readonly ids: Record<IdTable, IdRange>,
    readonly ctx: LoadContext,
  ) {}

  event(
    state: ChildState,
    subjectType: string,
    subjectId: string | number,
    type: string,
    atMs: number,
    summary: string,
    by: number | null,
    attributes: Record<string, unknown> = {},
  ): EventRow | null {
    if (atMs > this.ctx.capMs) return null
    const event: EventRow = {
      id: this.ids.case_event.take(),
      childId: state.personId,
      subjectType,
      subjectId: String(subjectId),
      type,
      at: atMs,
      summary,
      by,
      attributes,
    }
    this.events.push(event)
    return event
  }
}

export interface LoadContext {
  seed: string
  setup: Setup
  /** The last day of history (the day before `asOf`). */
  end: IsoDate
  asOfMs: number
  /** Nothing is dated after this (a minute before `asOf`). */
  capMs: number
  usedNhs: Set<string>
  openContacts: WeakSet<Contact>
}

export function uniqueNhs(ctx: LoadContext, wanted: string | null): string | null {
  if (wanted === null) return null
  let n = Number(wanted.slice(3, 9))
  for (let tries = 0; tries < 2_000_000; tries++) {
    const nine = `999${String(n).padStart(6, '0')}`
    const check = nhsCheckDigit(nine)
    const full = check === null ? null : `${nine}${check}`
    if (full !== null && !ctx.usedNhs.has(full)) {
      ctx.usedNhs.add(full)
      return full
    }
    n = (n + 1) % 1_000_000
  }
  return null
}

/**
 * The referral each referring contact led to: the one made the day it was decided from the same
 * source, else the first unclaimed one made within ten days of it (some journeys date them apart).
 */
export function referralsOfContacts(child: Child): Map<Contact, Referral> {
  const unclaimed = [...child.referrals]
  const out = new Map<Contact, Referral>()
  const referring = child.contacts.filter((c) => REFERRAL_DECISIONS.has(c.decision))
  for (const c of referring) {
    const i = unclaimed.findIndex((r) => r.referralDate === c.decidedOn && r.source === c.source)
    if (i >= 0) out.set(c, unclaimed.splice(i, 1)[0] as Referral)
  }
  for (const c of referring) {
    if (out.has(c)) continue
    const until = addCalendarDays(c.receivedOn, 10)
    const i = unclaimed.findIndex((r) => r.referralDate >= c.receivedOn && r.referralDate <= until)
    if (i >= 0) out.set(c, unclaimed.splice(i, 1)[0] as Referral)
  }
  return out
}

export function ownerAt(state: ChildState, t: number): Segment | null {
  for (const s of state.segments) if (s.from <= t && t < s.to) return s
  return null
}

export function minuteOfDay(ms: number, day: IsoDate): number {
  return Math.round((ms - londonStart(day)) / MINUTE)
}

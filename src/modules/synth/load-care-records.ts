/**
 * The records of a period of care, as the care module's services write them: the IRO's allocation
 * (with the IRO's access grant), looked-after reviews with their minutes, statutory visits, the
 * initial and review health assessments and the dated health checks, the school, time missing
 * education, PEPs and attendance, and the child's documents. Each is its row and the case event
 * the service writes on it (subject, type, time and attributes as the service's), so the clocks
 * and their tasks run as they would for real records.
 *
 * Facts the population does not hold are drawn from streams of each period's own, one per area,
 * so that adding a record in one area shifts no row of another (nor any row written before).
 */
import { type IsoDate, addCalendarDays, ageOn, londonDate, longDate } from '../../platform/calendar/dates.js'
import type { ClockInstance } from '../../platform/calendar/clocks.js'
import { addMonths } from '../../platform/calendar/clocks.js'

import { DOCUMENT_EVENT, documentWords, type DocumentRecord } from '../care/documents-model.js'
import {
  attendanceSummary,
  compulsorySchoolAge,
  EDUCATION_EVENTS,
  missingSummary,
  pepSummary,
  type PepQuality,
  type Provision,
  schoolSummary,
  schoolYearOf,
  type OfstedGrade,
  type Term,
  yearGroup,
} from '../care/education-model.js'
import {
  ageBandOn,
  assessmentSummary,
  checkSummary,
  HEALTH_EVENTS,
  type AssessmentFacts,
  type CheckFacts,
  type HealthAssessmentKind,
  type HealthWaitingReason,
} from '../care/health-model.js'
import { CARE_SUBJECT } from '../care/model.js'
import {
  DELAY_REASONS,
  MINUTES_CLOCK,
  PARTICIPATION,
  REVIEW_CLOCKS,
  REVIEW_EVENTS,
  REVIEW_SUBJECT,
  reviewCodeText,
} from '../care/review-model.js'
import { VISIT_EVENT, visitSummary, type Location } from '../care/visit-model.js'
import { OUT_OF_AREA_DISTRICTS } from './codes.js'
import { addWorkingDays, toDayNumber } from './dates.js'
import { AGENCIES } from './frontdoor-text.js'
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js'
import { type Random, streamFor, weighted } from './random.js'
import { type Batch, type ChildState, type EventRow, at, ownerAt } from './load-batch.js'
import type { Setup } from './load-setup.js'
import type { Row } from './store.js'

/** A period of care as its records need it (load-care.ts builds it). */
export interface PeriodOfCare {
  /** The `care_period` row's id: the subject of its case events. */
  subject: number
  /** Which of the child's periods (0 the first): names its streams. */
  k: number
  start: IsoDate
  end: IsoDate | null
  /** The last day of the period in the history: its end, or the day before `asOf`. */
  until: IsoDate
  /** Who held the case when care started, and who recorded it (a manager when nobody held it). */
  who: number | null
  recorder: number
  /** When care ended (the `care.ended` event's time), or null while looked after. */
  endedAt: number | null
  placements: PlacementSpan[]
}

export interface PlacementSpan {
  id: number
  start: IsoDate
  place: string
  postcode: string
}

/** An IRO's spell as the child's IRO: from when, and who. */
interface IroSpell {
  from: number
  userId: number
  name: string
}

const stream = (batch: Batch, state: ChildState, area: string, period: PeriodOfCare) =>
  streamFor(batch.ctx.seed, 'load', area, state.child.laChildId, state.child.familyId, period.k)

const names = new WeakMap<Setup, Map<number, string>>()

/** A member of staff's name, as a visit records who visited. */
function staffName(setup: Setup, userId: number): string {
  let byId = names.get(setup)
  if (byId === undefined) {
    byId = new Map([...setup.staff.values()].map((s) => [s.userId, s.name]))
    for (const i of setup.iros) byId.set(i.userId, i.name)
    names.set(setup, byId)
  }
  return byId.get(userId) ?? 'The allocated social worker'
}

const managerAt = (batch: Batch, state: ChildState, t: number): number =>
  batch.ctx.setup.teamManagers.get(ownerAt(state, t)?.teamId ?? -1) ?? batch.ctx.setup.careManager

const dayStart = (date: IsoDate) => at(date, 0)
const noon = (date: IsoDate) => at(date, 720)
const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b)
const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b)

// ---------------------------------------------------------------------------------------------
// The IRO

/**
 * A manager allocates the period's IRO within a week of care starting (`writeIroAllocation`): the
 * IRO's grant, the allocation and `care.iro_allocated`. Some long stays change IRO once (the
 * last allocation ended, its grant revoked, as `allocateIro` does); care ending ends the last
 * (`iroEndsWithCare`). Returns the IROs' spells, oldest first (none when there are no IROs, or
 * care started too lately for one yet).
 */
export function addIro(batch: Batch, state: ChildState, period: PeriodOfCare): IroSpell[] {
  const { ctx } = batch
  const iros = ctx.setup.iros
  if (iros.length === 0) return []
  const random = stream(batch, state, 'care-iro', period)
  const first = at(addWorkingDays(period.start, random.int(1, 5)), random.int(540, 1020))
  if (first > ctx.capMs || (period.endedAt !== null && first >= period.endedAt)) return []
  const spells: IroSpell[] = []
  const pick = (not?: number) => {
    const choices = iros.filter((i) => i.userId !== not)
    return random.pick(choices.length ? choices : iros)
  }
  const chosen = pick()
  spells.push({ from: first, userId: chosen.userId, name: chosen.name })
  // About one long stay in four has its IRO changed (caseloads moved, an IRO leaving).
  const lastDay = period.endedAt ?? ctx.capMs
  if (lastDay - first > 365 * 86_400_000 && random.chance(0.25)) {
    const when = first + Math.floor(random.next() * (lastDay - first - 30 * 86_400_000))
    const next = pick(chosen.userId)
    spells.push({ from: at(londonDate(when), random.int(540, 1020)), userId: next.userId, name: next.name })
  }
  const grantReason = `Independent reviewing officer for the period of care from ${longDate(period.start)}`
  let previous: { row: Row; grant: Row; spell: IroSpell } | null = null
  for (const spell of spells) {
    const by = managerAt(batch, state, spell.from)
    const grantId = batch.ids.child_access.take()
    const grant: Row = [
      grantId,
      state.personId,
      spell.userId,
      null,
      'independent_reviewing_officer',
      by,
      new Date(spell.from),
      null,
      null,
      grantReason,
    ]
    batch.grants.push(grant)
    if (previous !== null) {
      // The IRO replaced: their allocation ends and their grant is revoked.
      previous.row[6] = new Date(spell.from)
      previous.row[8] = by
      previous.row[9] = `Replaced by ${spell.name}`
      previous.grant[7] = new Date(spell.from)
      previous.grant[8] = `Another IRO allocated: ${spell.name}`
    }
    const allocationId = batch.ids.care_iro_allocation.take()
    const row: Row = [
      allocationId,
      period.subject,
      state.personId,
      spell.userId,
      grantId,
      new Date(spell.from),
      null,
      by,
      null,
      null,
    ]
    batch.care.iroAllocations.push(row)
    batch.event(
      state,
      CARE_SUBJECT,
      period.subject,
      REVIEW_EVENTS.iroAllocated,
      spell.from,
      previous
        ? `Independent reviewing officer changed from ${previous.spell.name} to ${spell.name}`
        : `Independent reviewing officer allocated: ${spell.name}`,
      by,
      {
        allocationId,
        iroUserId: spell.userId,
        ...(previous ? { replaced: previous.spell.userId } : {}),
      },
    )
    previous = { row, grant, spell }
  }
  if (previous !== null && period.endedAt !== null) {
    previous.row[6] = new Date(period.endedAt)
    previous.row[8] = period.recorder
    previous.row[9] = 'Care ended'
    previous.grant[7] = new Date(period.endedAt)
    previous.grant[8] = 'The period of care ended'
  }
  return spells
}

const iroOn = (spells: readonly IroSpell[], t: number): IroSpell | null =>
  spells.findLast((s) => s.from <= t) ?? null

// ---------------------------------------------------------------------------------------------
// Reviews

const NOT_SHARED = [
  'The report was not ready in time to share',
  'The parents could not be reached before the review',
  'The social worker was on leave; the report was shared at the review',
  'The child did not want to read it before the review',
]

/**
 * The population's reviews of the period, chaired by the IRO of the day (`recordReview`): the row,
 * `lac_review.held` on the period (stopping the review clock) and `lac_review.minutes_due` on the
 * review (starting the minutes' clock, the IRO's task). The report is shared beforehand for most,
 * not for a sizeable minority (the seeds' finding); the minutes go out within 20 working days for
 * just over half and up to 60 for the rest (the seeds' backlog), so some are owed at the end. Whether a review
 * was late, and its reason for delay, is known once its clock is evaluated (`settleReviews`).
 */
export function addReviews(
  batch: Batch,
  state: ChildState,
  period: PeriodOfCare,
  spells: readonly IroSpell[],
): void {
  const { ctx } = batch
  const random = stream(batch, state, 'care-reviews', period)
  for (const review of state.child.lacReviews) {
    if (review.date < period.start || review.date > period.until) continue
    const heldAt = dayStart(review.date)
    const chair = iroOn(spells, heldAt)
    if (chair === null || review.date > ctx.end) continue
    const shared = random.chance(0.7)
    const sharedOn = shared ? maxDate(period.start, addCalendarDays(review.date, -random.int(1, 10))) : null
    const notShared = shared ? null : random.pick(NOT_SHARED)
    const minutesIn = random.chance(0.55) ? random.int(3, 20) : random.int(21, 60)
    const distributed = addWorkingDays(review.date, minutesIn)
    const minutesOn = distributed <= ctx.end ? distributed : null
    const reviewId = batch.ids.lac_review.take()
    const row: Row = [
      reviewId,
      period.subject,
      state.personId,
      review.date,
      review.participation,
      chair.userId,
      sharedOn,
      notShared,
      null,
      null,
      minutesOn,
      minutesOn === null ? null : chair.userId,
      chair.userId,
      new Date(at(review.date, random.int(900, 1080))),
    ]
    batch.care.reviews.push(row)
    const held = batch.event(
      state,
      CARE_SUBJECT,
      period.subject,
      REVIEW_EVENTS.held,
      heldAt,
      '',
      chair.userId,
      { reviewId, participation: review.participation, chair: chair.userId },
    )
    if (held !== null) batch.care.reviewHeld.set(String(held.id), { row, event: held, chairName: chair.name })
    batch.event(
      state,
      REVIEW_SUBJECT,
      reviewId,
      REVIEW_EVENTS.minutesDue,
      heldAt,
      `Minutes of the looked-after review of ${longDate(review.date)} to be distributed`,
      chair.userId,
      { reviewId, chair: chair.userId },
    )
    batch.care.minutesChair.set(String(reviewId), chair.userId)
    if (minutesOn !== null)
      batch.event(
        state,
        REVIEW_SUBJECT,
        reviewId,
        REVIEW_EVENTS.minutesDistributed,
        dayStart(minutesOn),
        `Minutes of the looked-after review of ${longDate(review.date)} distributed`,
        chair.userId,
        { reviewId },
      )
  }
}

/** Why late reviews were late: the IRO's and the social worker's availability most often. */
const DELAYS = weighted<string>([
  ['IROAVAIL', 25],
  ['SWAVAIL', 20],
  ['FAMILY', 15],
  ['CHILD', 12],
  ['SWREPORT', 10],
  ['COURT', 8],
  ['ADMIN', 7],
  ['OTHER', 3],
])

/**
 * Each review's due date is the review clock's that it stopped (`recordReview` reads the running
 * task's): kept on the row and the event, with a reason for delay when it was held after it.
 */
function settleReviews(batch: Batch, instances: readonly ClockInstance[]): void {
  const labels = new Map(DELAY_REASONS.map((d) => [d.code, d.label]))
  for (const i of instances) {
    if (!REVIEW_CLOCKS.includes(i.code) || i.stopEventId === undefined) continue
    const held = batch.care.reviewHeld.get(i.stopEventId)
    if (held === undefined) continue
    const dueOn = londonDate(Date.parse(i.dueAt))
    const heldOn = held.row[3] as IsoDate
    const late = heldOn > dueOn
    const reason = late ? streamFor(batch.ctx.seed, 'load', 'care-review-late', i.key).weighted(DELAYS) : null
    held.row[8] = dueOn
    held.row[9] = reason
    held.event.attributes = {
      ...held.event.attributes,
      clock: i.code,
      dueOn,
      ...(reason ? { lateReason: reason } : {}),
    }
  }
  for (const { row, event, chairName } of batch.care.reviewHeld.values()) {
    const reason = row[9] as string | null
    event.summary =
      `Looked-after review held, chaired by ${chairName}: ${reviewCodeText(PARTICIPATION, row[4] as string)}` +
      (reason ? `; late (${labels.get(reason) ?? ''})` : '')
  }
}

// ---------------------------------------------------------------------------------------------
// Visits

const ELSEWHERE = ['School', 'Contact centre', 'Family time at the local library', 'A café near school']
const NOT_SEEN = [
  'The child was out with friends when the social worker called',
  'The child was unwell and asleep',
  'The child refused to come down to see the social worker',
]

/**
 * Statutory visits of a child still looked after, from each placement's start: the days as the
 * loader drew them before (from `times`), each now its `care_visit` row and `lac_visit.held` at
 * noon with the service's attributes (`recordVisit`). Nearly every child is seen; most old enough
 * are seen alone.
 */
export function addVisits(batch: Batch, state: ChildState, period: PeriodOfCare, times: Random): void {
  const { ctx } = batch
  const random = stream(batch, state, 'care-visits', period)
  const dob = state.child.dateOfBirth
  const starts = period.placements
  starts.forEach((p, i) => {
    const next = starts[i + 1]?.start ?? addCalendarDays(period.until, 1)
    let visit = addCalendarDays(p.start, times.chance(0.9) ? times.int(2, 6) : times.int(8, 12))
    while (visit < next && visit <= period.until) {
      const by = ownerAt(state, noon(visit))?.userId ?? period.who ?? period.recorder
      const age = dob === null ? 10 : ageOn(dob, visit)
      const seen = random.chance(0.97)
      const seenAlone = seen && age >= 4 && random.chance(age >= 8 ? 0.8 : 0.5)
      const location: Location = random.chance(0.88) ? 'placement' : 'elsewhere'
      const facts = {
        visitedBy: staffName(ctx.setup, by),
        location,
        locationDetail: location === 'elsewhere' ? random.pick(ELSEWHERE) : null,
        seen,
        seenAlone,
        notSeenReason: seen ? null : random.pick(NOT_SEEN),
      }
      const visitId = batch.ids.care_visit.take()
      batch.care.visits.push([
        visitId,
        period.subject,
        p.id,
        state.personId,
        visit,
        facts.visitedBy,
        facts.location,
        facts.locationDetail,
        seen,
        seenAlone,
        facts.notSeenReason,
        null,
        by,
        new Date(at(visit, random.int(960, 1140))),
      ])
      batch.event(state, CARE_SUBJECT, period.subject, VISIT_EVENT, noon(visit), visitSummary(facts), by, {
        visitId,
        placementId: p.id,
        seen,
        seenAlone,
        location,
        visitInterval: '6w',
      })
      visit = addCalendarDays(visit, times.chance(0.9) ? times.int(25, 41) : times.int(43, 55))
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Health

/** The seeds' two queues of about a fifth each: waiting for an appointment, or for the paperwork. */
const WAITING = weighted<HealthWaitingReason>([
  ['appointment', 45],
  ['paperwork', 45],
  ['declined', 5],
  ['other', 5],
])
const WAITING_OTHER = [
  'The child has moved placement out of area; the new area’s health team is to be asked',
  'The carer cancelled the appointment',
]

const doctor = (random: Random) =>
  `Dr ${random.pick(random.chance(0.6) ? GIVEN_NAMES_F : GIVEN_NAMES_M)} ${random.pick(FAMILY_NAMES)}, community paediatrician`
const nurse = (random: Random) =>
  `${random.pick(GIVEN_NAMES_F)} ${random.pick(FAMILY_NAMES)}, looked-after children’s nurse`

interface Assessment {
  kind: HealthAssessmentKind
  facts: AssessmentFacts
  recordedAt: number
}

/** An assessment's row and its event (`writeAssessment`): completed, or outstanding with why. */
function writeAssessment(
  batch: Batch,
  state: ChildState,
  period: PeriodOfCare,
  a: Assessment,
  by: number,
): void {
  const dob = state.child.dateOfBirth
  const completed = a.facts.completedOn
  const ageBand = completed === null ? null : ageBandOn(dob, completed)
  const assessmentId = batch.ids.care_health_assessment.take()
  const recordedAt = new Date(a.recordedAt)
  batch.care.healthAssessments.push([
    assessmentId,
    period.subject,
    state.personId,
    a.kind,
    a.facts.requestedOn,
    a.facts.appointmentOn,
    completed,
    a.facts.completedBy,
    a.facts.waitingReason,
    a.facts.waitingOther,
    ageBand,
    by,
    recordedAt,
    by,
    recordedAt,
  ])
  const type =
    completed === null
      ? a.kind === 'iha'
        ? HEALTH_EVENTS.ihaUpdated
        : HEALTH_EVENTS.rhaUpdated
      : a.kind === 'iha'
        ? HEALTH_EVENTS.ihaCompleted
        : HEALTH_EVENTS.rhaCompleted
  batch.event(
    state,
    CARE_SUBJECT,
    period.subject,
    type,
    completed === null ? a.recordedAt : noon(completed),
    assessmentSummary(a.kind, a.facts),
    by,
    {
      assessmentId,
      ...(completed !== null && ageBand !== null ? { ageBand } : {}),
      ...(completed === null ? { waitingReason: a.facts.waitingReason } : {}),
    },
  )
}

/**
 * An assessment not done by the end: recorded as outstanding (requested, perhaps an appointment,
 * and why it waits) for half, not yet recorded for the rest: of the children due one, about a
 * fifth wait for an appointment and a fifth for the paperwork (the seeds: 20% and 20%).
 */
function outstanding(
  batch: Batch,
  random: Random,
  kind: HealthAssessmentKind,
  from: IsoDate,
): Assessment | null {
  const { ctx } = batch
  if (!random.chance(0.5)) return null
  const requestedOn = minDate(addWorkingDays(from, random.int(1, 5)), ctx.end)
  const reason = random.weighted(WAITING)
  const appointmentOn =
    reason === 'appointment' && random.chance(0.5) ? addCalendarDays(ctx.end, random.int(3, 40)) : null
  return {
    kind,
    facts: {
      requestedOn,
      appointmentOn,
      completedOn: null,
      completedBy: null,
      waitingReason: reason,
      waitingOther: reason === 'other' ? random.pick(WAITING_OTHER) : null,
    },
    recordedAt: at(requestedOn, random.int(570, 960)),
  }
}

/**
 * The initial health assessment, on the day the loader drew it before (`iha`): completed if it
 * fell in the period, outstanding if the child is still looked after and it has not happened yet.
 */
export function addInitialHealthAssessment(
  batch: Batch,
  state: ChildState,
  period: PeriodOfCare,
  iha: IsoDate,
): boolean {
  const random = stream(batch, state, 'care-health', period)
  const by = period.who ?? period.recorder
  if (iha <= period.until) {
    const requestedOn = addWorkingDays(period.start, random.int(1, 4))
    writeAssessment(
      batch,
      state,
      period,
      {
        kind: 'iha',
        facts: {
          requestedOn: requestedOn <= iha ? requestedOn : period.start,
          appointmentOn: iha,
          completedOn: iha,
          completedBy: doctor(random),
          waitingReason: null,
          waitingOther: null,
        },
        recordedAt: at(iha, random.int(900, 1080)),
      },
      by,
    )
    return true
  }
  if (period.end !== null) return false
  const waiting = outstanding(batch, random, 'iha', period.start)
  if (waiting) writeAssessment(batch, state, period, waiting, by)
  return false
}

/**
 * Review health assessments of a child still looked after: every 6 months under 5 and every 12
 * from 5 (the `rha` clock's age bands), most a little before they fall due, some late; the one
 * falling due at the end outstanding for many, waiting for an appointment or the paperwork.
 * Then the dated checks.
 */
export function addHealthReviews(batch: Batch, state: ChildState, period: PeriodOfCare, iha: IsoDate): void {
  const { ctx } = batch
  const random = stream(batch, state, 'care-health-reviews', period)
  const dob = state.child.dateOfBirth
  let last = iha
  for (;;) {
    const months = ageBandOn(dob, last) === '5_and_over' ? 12 : 6
    const due = addMonths(last, months)
    const done = random.chance(0.8)
      ? addCalendarDays(due, -random.int(1, 30))
      : addCalendarDays(due, random.int(3, 60))
    const by = ownerAt(state, noon(minDate(done, ctx.end)))?.userId ?? period.who ?? period.recorder
    if (done > ctx.end || done <= last) {
      // Waited for from 20 working days (about four weeks) before it falls due (the managers' list).
      if (addCalendarDays(due, -28) <= ctx.end) {
        const waiting = outstanding(batch, random, 'rha', maxDate(addCalendarDays(due, -28), last))
        if (waiting) writeAssessment(batch, state, period, waiting, by)
      }
      break
    }
    writeAssessment(
      batch,
      state,
      period,
      {
        kind: 'rha',
        facts: {
          requestedOn: maxDate(addCalendarDays(done, -random.int(10, 40)), addCalendarDays(last, 1)),
          appointmentOn: done,
          completedOn: done,
          completedBy: nurse(random),
          waitingReason: null,
          waitingOther: null,
        },
        recordedAt: at(done, random.int(900, 1080)),
      },
      by,
    )
    last = done
  }
  addHealthChecks(batch, state, period)
}

/** Who completes the SDQ: the carer, mostly. */
const SDQ_BY = ['Foster carer', 'Foster carer', 'Residential key worker', 'Class teacher', 'The young person']

/**
 * The dated checks of a child looked after, over the last two years (or all of the period, to its
 * end): dental checks about every six months, a yearly sight test, immunisations checked at
 * each health assessment's season, and the SDQ yearly from 4 to 16 (`recordCheck`). Most children
 * are in date; a minority have fallen behind (the seeds: dental 92%, immunisations 85%).
 */
export function addHealthChecks(batch: Batch, state: ChildState, period: PeriodOfCare): void {
  const { ctx } = batch
  const random = stream(batch, state, 'care-health-checks', period)
  const dob = state.child.dateOfBirth
  const from = maxDate(period.start, addCalendarDays(ctx.end, -730))
  // To the period's end: a child who has left care had their checks while looked after.
  const until = minDate(period.until, ctx.end)
  const behind = random.chance(0.1)
  const sdqScore = state.child.health?.sdqScore ?? null
  const check = (kind: CheckFacts['kind'], day: IsoDate) => {
    const facts: CheckFacts = {
      kind,
      checkedOn: day,
      upToDate: kind === 'immunisations' ? random.chance(0.85) : null,
      sdqScore: kind === 'sdq' ? (sdqScore ?? Math.round(random.normal(14, 6, 0, 40))) : null,
      completedBy: kind === 'sdq' ? random.pick(SDQ_BY) : null,
    }
    const by = ownerAt(state, noon(day))?.userId ?? period.who ?? period.recorder
    const checkId = batch.ids.care_health_check.take()
    batch.care.healthChecks.push([
      checkId,
      period.subject,
      state.personId,
      kind,
      day,
      facts.upToDate,
      facts.sdqScore,
      facts.completedBy,
      by,
      new Date(at(day, random.int(900, 1080))),
    ])
    batch.event(
      state,
      CARE_SUBJECT,
      period.subject,
      HEALTH_EVENTS.checkRecorded,
      noon(day),
      checkSummary(facts),
      by,
      {
        checkId,
        kind,
      },
    )
  }
  const series = (kind: CheckFacts['kind'], first: number, every: [number, number]) => {
    let day = addCalendarDays(from, random.int(first, first + 60))
    while (day <= until) {
      check(kind, day)
      // A child fallen behind has gone longer than a year since the last.
      day = addCalendarDays(day, behind ? random.int(400, 500) : random.int(every[0], every[1]))
    }
  }
  series('dental', 14, [150, 200])
  series('sight', 30, [300, 365])
  series('immunisations', 20, [300, 365])
  sdqEachYear()

  /**
   * The SDQ once in each collection year (1 April to 31 March) the child is looked after in, on a
   * day of it drawn at random, as the SSDA903's OC2 asks of each year (rule 186): drawn as a rolling
   * series, a year could fall between two questionnaires and the return would owe one.
   */
  function sdqEachYear(): void {
    const [y, m] = from.split('-').map(Number) as [number, number]
    for (let first = m >= 4 ? y : y - 1; `${first}-04-01` <= until; first++) {
      const start = maxDate(from, `${first}-04-01`)
      const end = minDate(`${first + 1}-03-31`, until)
      const days = toDayNumber(end) - toDayNumber(start)
      if (days < 0) continue
      const day = addCalendarDays(start, random.int(0, days))
      const age = dob === null ? 10 : ageOn(dob, day)
      if (age < 4 || age > 16) continue
      check('sdq', day)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Education

const PEP_QUALITY = weighted<PepQuality>([
  ['good', 55],
  ['requires_improvement', 35],
  ['inadequate', 10],
])
const ATTENDING = [
  'Designated teacher, social worker and foster carer',
  'Designated teacher, social worker, foster carer and the child',
  'Designated teacher, virtual school adviser, social worker and carer',
  'Social worker, key worker and the young person',
]

/** A PEP's row and `pep.completed` at noon (`recordPep`). */
function pepRow(
  batch: Batch,
  random: Random,
  p: { periodId: number; childId: number; heldOn: IsoDate; by: number; recordedAt: Date },
): { id: number; row: Row; quality: PepQuality; attendedBy: string } {
  const quality = random.weighted(PEP_QUALITY)
  const good = quality === 'good'
  const attendedBy = random.pick(ATTENDING)
  const id = batch.ids.care_pep.take()
  const row: Row = [
    id,
    p.periodId,
    p.childId,
    p.heldOn,
    quality,
    random.chance(good ? 0.9 : 0.4),
    random.chance(good ? 0.85 : 0.45),
    random.chance(good ? 0.8 : 0.5),
    attendedBy,
    p.by,
    p.recordedAt,
  ]
  batch.care.peps.push(row)
  return { id, row, quality, attendedBy }
}

/**
 * The first PEP on the day the loader drew it before (from age 3: the virtual school's children
 * are 3 to 18), then one a term, most on time; each its row and `pep.completed`.
 */
export function addPeps(batch: Batch, state: ChildState, period: PeriodOfCare, first: IsoDate | null): void {
  if (first === null) return
  const { ctx } = batch
  const random = stream(batch, state, 'care-peps', period)
  let held = first
  while (held <= period.until && held <= ctx.end) {
    const by = ownerAt(state, noon(held))?.userId ?? period.who ?? period.recorder
    const pep = pepRow(batch, random, {
      periodId: period.subject,
      childId: state.personId,
      heldOn: held,
      by,
      recordedAt: new Date(at(held, random.int(900, 1080))),
    })
    const event = batch.event(
      state,
      CARE_SUBJECT,
      period.subject,
      EDUCATION_EVENTS.pepCompleted,
      noon(held),
      pepSummary(pep),
      by,
      { pepId: pep.id, quality: pep.quality },
    )
    if (event !== null) batch.care.pepByEvent.set(String(event.id), pep.row)
    const due = addMonths(held, 3)
    held = random.chance(0.88)
      ? addCalendarDays(due, -random.int(1, 20))
      : addCalendarDays(due, random.int(3, 40))
  }
}

/**
 * The PEPs the loader's catching up recorded (done late, `load-tasks.ts`) get their rows, and a
 * PEP whose event was taken out to leave it undone at the end loses its row.
 */
function settlePeps(batch: Batch): void {
  const { ctx } = batch
  const kept = new Set<number>()
  const states = new Map(batch.children.map((s) => [s.personId, s]))
  for (const e of batch.events) {
    if (e.type !== EDUCATION_EVENTS.pepCompleted) continue
    const row = batch.care.pepByEvent.get(String(e.id))
    if (row !== undefined) {
      kept.add(row[0] as number)
      continue
    }
    const state = states.get(e.childId)
    if (state === undefined) continue
    const by = e.by ?? ownerAt(state, e.at)?.userId ?? ctx.setup.careManager
    const random = streamFor(ctx.seed, 'load', 'care-peps-late', e.subjectId, e.at)
    const pep = pepRow(batch, random, {
      periodId: Number(e.subjectId),
      childId: e.childId,
      heldOn: londonDate(e.at),
      by,
      recordedAt: new Date(e.at),
    })
    kept.add(pep.id)
    e.by = by
    e.summary = pepSummary(pep)
    e.attributes = { pepId: pep.id, quality: pep.quality }
  }
  const peps = batch.care.peps.filter((r) => kept.has(r[0] as number))
  batch.care.peps.length = 0
  batch.care.peps.push(...peps)
}

/** After the clocks are evaluated over the batch's events: reviews' due dates, PEPs caught up. */
export function settleCareRecords(batch: Batch, instances: readonly ClockInstance[]): void {
  settleReviews(batch, instances)
  settlePeps(batch)
}

/** The minutes' task is the chair's, and stays theirs (`assignClockTask`). */
export function keptOwner(batch: Batch, i: ClockInstance): number | null {
  return i.code === MINUTES_CLOCK ? (batch.care.minutesChair.get(i.subjectId) ?? null) : null
}

const SCHOOL_WORDS = ['Oakfield', 'Beechwood', 'Riverside', 'Hawthorn', 'St Mary’s', 'Greenway', 'Holy Cross']
const OTHER_LAS = ['Essex', 'Southend-on-Sea', 'Havering', 'Kent', 'Medway', 'Bexley', 'Suffolk']
const THIS_LA = 'Thurrock'
const IN_BOROUGH_SCHOOLS = AGENCIES.filter(
  (a) => a.kind === 'education' && /School|Academy/.test(a.name),
).map((a) => a.name)
const OFSTED = weighted<OfstedGrade>([
  ['outstanding', 15],
  ['good', 64],
  ['requires_improvement', 15],
  ['inadequate', 3],
  ['not_inspected', 3],
])
const MISSING_REASONS = [
  'Placement move out of area: waiting for a school place',
  'Permanently excluded: waiting for a place at the pupil referral unit',
  'Refusing to attend since the placement move',
  'New arrival: school place applied for',
]
const PROVISION = weighted<Provision>([
  ['none', 30],
  ['part_time', 40],
  ['tutoring', 30],
])

interface School {
  name: string
  urn: string | null
  la: string
  inBorough: boolean
  grade: OfstedGrade
}

function drawSchool(random: Random, inBorough: boolean, secondary: boolean): School {
  const kind = secondary ? (random.chance(0.5) ? 'Academy' : 'Secondary School') : 'Primary School'
  return {
    name:
      inBorough && random.chance(0.4)
        ? random.pick(IN_BOROUGH_SCHOOLS)
        : `${random.pick(SCHOOL_WORDS)} ${random.pick(['Park', 'Vale', 'Green', 'Hill'])} ${kind}`,
    urn: random.chance(0.93) ? String(random.int(100000, 149999)) : null,
    la: inBorough ? THIS_LA : random.pick(OTHER_LAS),
    inBorough,
    grade: random.weighted(OFSTED),
  }
}

/** In the authority's area: a placement outside it has an out-of-area postcode district. */
const inArea = (postcode: string) => !OUT_OF_AREA_DISTRICTS.includes(postcode.split(' ')[0] as string)

/**
 * The school of a child still looked after of school age (Reception to Year 13): the school they
 * were at when care started, and a new one for some after a move out of area; most in the
 * borough, the rest where they live. A few are missing education now (their school ended, some
 * provision meanwhile), and a few have no school recorded at all. Attendance for each term of the
 * last year at school. Each its row and event (`recordSchool`, `recordMissing`, `recordAttendance`).
 */
export function addEducation(batch: Batch, state: ChildState, period: PeriodOfCare): void {
  const { ctx } = batch
  const dob = state.child.dateOfBirth
  if (dob === null) return
  const group = yearGroup(dob, ctx.end)
  if (group === null || group > 13) return
  const random = stream(batch, state, 'care-education', period)
  const sixthForm = group >= 12
  if (random.chance(sixthForm ? 0.35 : 0.04)) return
  const by = (day: IsoDate) => ownerAt(state, noon(day))?.userId ?? period.who ?? period.recorder
  const recordedOn = (day: IsoDate) => minDate(addWorkingDays(day, random.int(1, 10)), ctx.end)
  const write = (school: School, from: IsoDate, to: IsoDate | null) => {
    const day = maxDate(from, period.start)
    const schoolId = batch.ids.care_school.take()
    const recorded = recordedOn(day)
    batch.care.schools.push([
      schoolId,
      period.subject,
      state.personId,
      school.name,
      school.urn,
      school.la,
      school.inBorough,
      school.grade,
      from,
      to,
      by(recorded),
      new Date(at(recorded, random.int(570, 1020))),
    ])
    batch.event(
      state,
      CARE_SUBJECT,
      period.subject,
      EDUCATION_EVENTS.schoolStarted,
      noon(day),
      schoolSummary({
        schoolName: school.name,
        urn: school.urn,
        schoolLa: school.la,
        inBorough: school.inBorough,
        ofstedGrade: school.grade,
      }),
      by(recorded),
      { schoolId, inBorough: school.inBorough, ofstedGrade: school.grade },
    )
  }
  // The school the child was at when care started: from the September they joined it (Reception,
  // Year 7 or Year 12), or from when they reached Reception age during care.
  const startYear = (g: number) => schoolYearOf(ctx.end) - (group - g)
  const joined = (g: number) => `${startYear(g)}-09-0${random.int(2, 6)}` as IsoDate
  const firstGroup = group >= 12 ? 12 : group >= 7 ? 7 : 0
  let from = minDate(joined(firstGroup), ctx.end)
  const secondary = (day: IsoDate) => (yearGroup(dob, day) ?? 0) >= 7
  const atStart = period.placements[0]
  let school = drawSchool(
    random,
    random.chance(atStart && inArea(atStart.postcode) ? 0.9 : 0.55),
    secondary(from),
  )
  // A move out of area after the school started may bring a new school, a few weeks on.
  const move = period.placements.find((p) => p.start > from && !inArea(p.postcode) && random.chance(0.5))
  if (move !== undefined) {
    const newFrom = minDate(addCalendarDays(move.start, random.int(5, 30)), ctx.end)
    if (newFrom > from) {
      write(school, from, addCalendarDays(newFrom, -1))
      from = newFrom
      school = drawSchool(random, false, secondary(from))
    }
  }
  // Of compulsory school age and missing education now: the school ended, some provision meanwhile.
  const missing = compulsorySchoolAge(dob, ctx.end) && random.chance(0.04)
  if (missing) {
    const since = maxDate(addCalendarDays(ctx.end, -random.int(20, 120)), addCalendarDays(from, 1))
    const since2 = maxDate(since, period.start)
    if (since2 > from) write(school, from, addCalendarDays(since2, -1))
    const provision = random.weighted(PROVISION)
    const reason = random.pick(MISSING_REASONS)
    const missingId = batch.ids.care_missing_education.take()
    batch.care.missingEducation.push([
      missingId,
      period.subject,
      state.personId,
      since2,
      null,
      reason,
      provision,
      by(since2),
      new Date(at(recordedOn(since2), random.int(570, 1020))),
    ])
    batch.event(
      state,
      CARE_SUBJECT,
      period.subject,
      EDUCATION_EVENTS.missingStarted,
      noon(since2),
      missingSummary({ reason, provision }),
      by(since2),
      { missingId, provision },
    )
    return
  }
  write(school, from, null)
  addAttendance(batch, state, period, random, maxDate(from, period.start), by)
}

/** The terms' ends, as attendance is recorded as at them. */
const TERM_ENDS: [Term, string][] = [
  ['autumn', '12-19'],
  ['spring', '03-31'],
  ['summer', '07-21'],
]

function addAttendance(
  batch: Batch,
  state: ChildState,
  period: PeriodOfCare,
  random: Random,
  from: IsoDate,
  by: (day: IsoDate) => number,
): void {
  const { ctx } = batch
  const low = random.chance(0.15)
  const year = schoolYearOf(ctx.end)
  for (const y of [year - 1, year])
    for (const [term, monthDay] of TERM_ENDS) {
      const asAt = `${term === 'autumn' ? y : y + 1}-${monthDay}` as IsoDate
      if (asAt < from || asAt > ctx.end || asAt < addCalendarDays(ctx.end, -365)) continue
      const percent = Math.round(random.normal(low ? 82 : 95, low ? 8 : 3, 30, 100) * 10) / 10
      const attendanceId = batch.ids.care_attendance.take()
      const recorded = minDate(addWorkingDays(asAt, random.int(1, 10)), ctx.end)
      batch.care.attendance.push([
        attendanceId,
        period.subject,
        state.personId,
        asAt,
        y,
        term,
        percent,
        null,
        null,
        by(recorded),
        new Date(at(recorded, random.int(570, 1020))),
      ])
      batch.event(
        state,
        CARE_SUBJECT,
        period.subject,
        EDUCATION_EVENTS.attendance,
        noon(asAt),
        attendanceSummary({ term, year: y, percent, asAt }),
        by(recorded),
        { attendanceId, percent, term, year: y },
      )
    }
}

// ---------------------------------------------------------------------------------------------
// Documents

const KEPT_AT = ['on the child’s file at the office', 'with the foster carers', 'with the residential home']
const BANKS = ['Share Foundation', 'Nationwide', 'Lloyds', 'Barclays', 'Santander']

/**
 * The child's documents and money, recorded in the first weeks of care (`recordDocument`): most
 * hold a birth certificate, a passport (a Home Office document for an unaccompanied child), an
 * account (a Junior ISA for most) and, from 16, an NI number. A minority lack something: the
 * birth certificate applied for or not held, no identity document or one expired, no account yet.
 */
export function addDocuments(batch: Batch, state: ChildState, period: PeriodOfCare): void {
  const { ctx } = batch
  const { child } = state
  const dob = child.dateOfBirth
  if (dob === null) return
  const random = stream(batch, state, 'care-documents', period)
  const uasc = child.uasc !== null
  const lacking = random.chance(uasc ? 0.4 : 0.1)
  // What this child lacks, if anything: one item, sometimes two.
  const lacks = new Set<string>()
  if (lacking) {
    lacks.add(
      random.chance(0.35) ? 'birth_certificate' : random.chance(0.7) ? 'identity_document' : 'account',
    )
    if (random.chance(0.2)) lacks.add('identity_document')
  }
  const age = ageOn(dob, ctx.end)
  if (age >= 16 && random.chance(0.08)) lacks.add('ni_number')
  let day = minDate(addCalendarDays(period.start, random.int(5, 40)), ctx.end)
  const record = (r: DocumentRecord) => {
    const by = ownerAt(state, noon(day))?.userId ?? period.who ?? period.recorder
    const recordedAt = at(day, random.int(570, 1020))
    const documentId = batch.ids.care_document.take()
    batch.care.documents.push([
      documentId,
      state.personId,
      period.subject,
      r.item,
      r.status,
      r.kind,
      r.keptAt,
      r.appliedOn,
      r.issuedOn,
      r.expiresOn,
      r.receivedOn,
      r.openedOn,
      r.provider,
      by,
      new Date(recordedAt),
    ])
    batch.event(state, CARE_SUBJECT, period.subject, DOCUMENT_EVENT, recordedAt, documentWords(r), by, {
      documentId,
      item: r.item,
      status: r.status,
      kind: r.kind,
    })
    day = minDate(addCalendarDays(day, random.int(0, 10)), ctx.end)
  }
  const empty = {
    kind: null,
    keptAt: null,
    appliedOn: null,
    issuedOn: null,
    expiresOn: null,
    receivedOn: null,
    openedOn: null,
    provider: null,
  }
  const before = (days: number) => maxDate(dob, addCalendarDays(day, -days))
  // Birth certificate.
  if (!lacks.has('birth_certificate'))
    record({ ...empty, item: 'birth_certificate', status: 'held', keptAt: random.pick(KEPT_AT) })
  else if (random.chance(0.6))
    record({ ...empty, item: 'birth_certificate', status: 'applied', appliedOn: before(random.int(0, 20)) })
  else if (random.chance(0.5)) record({ ...empty, item: 'birth_certificate', status: 'not_held' })
  // A passport, or the Home Office's document for an unaccompanied child.
  const idKind = uasc ? (random.chance(0.6) ? 'arc' : 'biometric_residence') : 'passport'
  let expires: IsoDate | null = null
  if (!lacks.has('identity_document')) {
    const issuedOn = before(random.int(30, 1500))
    expires = idKind === 'arc' ? null : addCalendarDays(issuedOn, 5 * 365)
    record({
      ...empty,
      item: 'identity_document',
      status: 'held',
      kind: idKind,
      issuedOn,
      expiresOn: expires,
    })
  } else if (random.chance(0.5))
    record({
      ...empty,
      item: 'identity_document',
      status: 'applied',
      kind: idKind,
      appliedOn: before(random.int(0, 20)),
    })
  else if (random.chance(0.6)) record({ ...empty, item: 'identity_document', status: 'not_held' })
  // An account: a Junior ISA for most (or the Child Trust Fund of those born before 2011).
  if (!lacks.has('account')) {
    const kind =
      age >= 16 && random.chance(0.5)
        ? 'bank_account'
        : dob < '2011-01-03'
          ? random.chance(0.5)
            ? 'child_trust_fund'
            : 'junior_isa'
          : random.chance(0.85)
            ? 'junior_isa'
            : 'savings_account'
    record({
      ...empty,
      item: 'account',
      status: 'held',
      kind,
      openedOn: before(random.int(0, 30)),
      provider: random.pick(BANKS),
    })
  } else if (random.chance(0.5)) record({ ...empty, item: 'account', status: 'not_held' })
  // The NI number, sent just before the 16th birthday (recorded when it came).
  if (age >= 16) {
    const received = addCalendarDays(addCalendarDays(dob, Math.round(16 * 365.25)), -random.int(0, 60))
    if (!lacks.has('ni_number') && received <= ctx.end) {
      day = minDate(maxDate(day, addCalendarDays(received, random.int(0, 20))), ctx.end)
      record({
        ...empty,
        item: 'ni_number',
        status: 'held',
        receivedOn: maxDate(dob, minDate(received, day)),
      })
    } else if (random.chance(0.5)) record({ ...empty, item: 'ni_number', status: 'not_held' })
  }
  // Passports renewed as they run out, for most: a few ran out and are not renewed yet.
  while (expires !== null && expires <= ctx.end && random.chance(0.95)) {
    day = maxDate(day, minDate(addCalendarDays(expires, -random.int(0, 60)), ctx.end))
    const issuedOn = day
    expires = addCalendarDays(issuedOn, 5 * 365)
    record({
      ...empty,
      item: 'identity_document',
      status: 'held',
      kind: idKind,
      issuedOn,
      expiresOn: expires,
    })
  }
}

export type { EventRow }

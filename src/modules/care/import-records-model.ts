/**
 * The SSDA903's OC3, OC2, PlacedAdoption and AD1 rows as care's records, for the import
 * (`import-model.ts` plans the periods; this plans what hangs on them). Pure. Each row must come
 * back from the export as it stands, so a row the export could not give back is refused, naming
 * the row and why, and the child is not imported (the authority fixes the row and runs it again).
 *
 * - OC3 is the care leaver's contact about the birthday (17th to 21st) that falls in the year,
 *   dated the birthday itself (the return does not say when; the window is 3 months before to 1
 *   month after).
 * - OC2 is worked out by the export as at 31 March from dated facts, so the import records the
 *   facts that give the row back, on the period looked after for the 12 months to 31 March, each
 *   dated the first day of the year that counts for it: 1 April for most, and for the development
 *   checks of an under-5 (HEALTH_CHECK) 6 months before 31 March. The earliest day, so that anything
 *   reckoned from the date (the next dental check, the next health assessment) falls early rather
 *   than late. Nothing is written for a 0 (a check not done is no record), for SDQ1 (the export
 *   works it out from the age) or for a blank the age makes blank.
 * - PlacedAdoption and AD1 are the decision to place for adoption (with its reversal, and the
 *   match when AD1 gives it) on the period the decision falls in, or the first period when the
 *   decision came before the return's first episode. AD1 only for a period the return ends with an
 *   adoption order (E11, E12) in the year, and such a period with a decision needs its AD1.
 */
import { addMonths, addYears, ageOn, type IsoDate } from '../../platform/calendar/dates.js'
import { ACCOMMODATION, ACTIVITIES, IN_TOUCH, LEAVER_AGES, NEVER_SUITABLE } from './leavers-model.js'
import { ADOPTER_LEGAL_STATUSES, ADOPTER_SEXES, ADOPTION_ORDERS, REVERSAL_REASONS } from './adoption-model.js'
import { adopterCodesRefusal } from './adoption-model.js'
import { ageBandOn } from './health-model.js'
import type {
  AdopterLegalStatus,
  AdopterSexes,
  AdoptionReversalReason,
  HealthAgeBand,
  InTouch,
} from '../../platform/db/schema.js'

/** A refusal's message: the care import turns it into its own refusal. */
export class RowRefusal extends Error {}

/** The collection year the return is for (1 April to 31 March). */
export interface ImportYear {
  start: IsoDate
  end: IsoDate
}

/** The OC3 row: IN_TOUCH, ACTIV, ACCOM. */
export interface ImportedLeaverContact {
  inTouch: string
  activity: string
  accommodation: string
}

/** The OC2 row's cells as written ('1', '0', a code or a score; null when blank). */
export interface ImportedOc2 {
  sdqScore: string | null
  sdqReason: string | null
  convicted: string | null
  healthCheck: string | null
  immunisations: string | null
  teethCheck: string | null
  healthAssessment: string | null
  substanceMisuse: string | null
  interventionReceived: string | null
  interventionOffered: string | null
}

/** The PlacedAdoption row. */
export interface ImportedPlacedAdoption {
  decision: IsoDate
  reversed: IsoDate | null
  reason: string | null
}

/** The AD1 row. */
export interface ImportedAd1 {
  decision: IsoDate
  matched: IsoDate | null
  fosterCare: string | null
  adopters: string | null
  sexes: string | null
  legalStatus: string | null
}

export interface PlannedLeaverContact {
  age: number
  birthday: IsoDate
  contactOn: IsoDate
  inTouch: InTouch
  activity: string
  accommodation: string
}

/** OC2's facts on a period: outcomes, health assessments completed and health checks. */
export interface PlannedOc2 {
  outcomes: { kind: 'offence' | 'substance_misuse' | 'sdq_reason'; on: IsoDate; code: string }[]
  /** With the age band the next review follows, as a worker's completed assessment has it. */
  assessments: { on: IsoDate; ageBand: HealthAgeBand | null }[]
  checks: {
    kind: 'dental' | 'immunisations' | 'sdq'
    on: IsoDate
    upToDate: boolean | null
    sdqScore: number | null
  }[]
}

export interface PlannedAdoption {
  decidedOn: IsoDate
  reversal: { on: IsoDate; reason: AdoptionReversalReason } | null
  match: {
    on: IsoDate
    adopters: 1 | 2
    sexes: AdopterSexes
    legalStatus: AdopterLegalStatus
    byFosterCarers: boolean
  } | null
}

/** What the rules need of a planned period. */
export interface PeriodSpan {
  start: IsoDate
  end: IsoDate | null
  reasonCeased: string | null
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RowRefusal(message)
}

const words = (d: IsoDate): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`
const codes = (list: readonly { code: string }[]) => new Set(list.map((c) => c.code))
const ACTIVITY_CODES = codes(ACTIVITIES)
const IN_TOUCH_CODES = codes(IN_TOUCH)
const ACCOMMODATION_CODES = codes(ACCOMMODATION)

/** The OC3 row as the contact about the birthday in the year; throws RowRefusal. */
export function planLeaverContact(
  row: ImportedLeaverContact,
  dateOfBirth: IsoDate | null,
  year: ImportYear,
): PlannedLeaverContact {
  check(dateOfBirth !== null, 'OC3: the child has no date of birth, so no birthday to date the contact by')
  const dob = dateOfBirth as IsoDate
  const age = LEAVER_AGES.find((a) => {
    const b = addYears(dob, a)
    return b >= year.start && b <= year.end
  })
  check(age !== undefined, 'OC3: the young person has no 17th to 21st birthday in the year')
  check(IN_TOUCH_CODES.has(row.inTouch), `OC3: IN_TOUCH ${row.inTouch} is not a valid code`)
  const inTouch = row.inTouch === 'YES'
  if (inTouch) {
    check(ACTIVITY_CODES.has(row.activity), `OC3: ACTIV ${row.activity} is not a valid code`)
    const [letter, suitable] = [row.accommodation.slice(0, 1), row.accommodation.slice(1)]
    check(
      row.accommodation.length === 2 &&
        ACCOMMODATION_CODES.has(letter) &&
        (suitable === '2' || (suitable === '1' && !NEVER_SUITABLE.has(letter))),
      `OC3: ACCOM ${row.accommodation} is not a valid code`,
    )
  } else
    check(
      row.activity === '0' && row.accommodation === '0',
      `OC3: IN_TOUCH ${row.inTouch} with ACTIV ${row.activity} and ACCOM ${row.accommodation}: both are 0 when not in touch`,
    )
  const birthday = addYears(dob, age as number)
  return { age: age as number, birthday, contactOn: birthday, ...row, inTouch: row.inTouch as InTouch }
}

/** A 0/1 cell: true, false, or null when blank; throws on anything else. */
function bit(value: string | null, name: string): boolean | null {
  if (value === null) return null
  check(value === '0' || value === '1', `OC2: ${name} ${value} is not 0 or 1`)
  return value === '1'
}

/** A cell the child's age asks for (0 or 1) or leaves blank. */
function askedBit(value: string | null, name: string, asked: boolean, why: string): boolean {
  const b = bit(value, name)
  check(
    asked ? b !== null : b === null,
    asked ? `OC2: ${name} is blank, but ${why}` : `OC2: ${name} is ${value ?? ''}, but it is blank ${why}`,
  )
  return b === true
}

/**
 * The OC2 row as dated facts on the period looked after for the 12 months to 31 March (the last
 * period); throws RowRefusal when the export would not give the row back from any facts.
 */
export function planOc2(
  row: ImportedOc2,
  dateOfBirth: IsoDate | null,
  year: ImportYear,
  period: PeriodSpan | undefined,
): PlannedOc2 {
  check(
    period !== undefined && period.start <= year.start && (period.end === null || period.end >= year.end),
    'OC2: the child was not looked after for the 12 months to 31 March in the return’s episodes, and Haven reports OC2 only for those who were',
  )
  check(dateOfBirth !== null, 'OC2: the child has no date of birth, and OC2 depends on the age')
  const dob = dateOfBirth as IsoDate
  const age = ageOn(dob, year.end)
  const out: PlannedOc2 = { outcomes: [], assessments: [], checks: [] }
  const on = year.start

  if (askedBit(row.convicted, 'CONVICTED', age >= 10, 'for a child aged 10 or over on 31 March'))
    out.outcomes.push({ kind: 'offence', on, code: 'conviction' })

  const under5 = age < 5
  const developmentChecks = askedBit(
    row.healthCheck,
    'HEALTH_CHECK',
    under5,
    'for a child under 5 on 31 March',
  )
  const assessed = bit(row.healthAssessment, 'HEALTH_ASSESSMENT')
  check(assessed !== null, 'OC2: HEALTH_ASSESSMENT is blank')
  check(
    !developmentChecks || assessed === true,
    'OC2: HEALTH_CHECK is 1 but HEALTH_ASSESSMENT is 0: Haven reads the development checks from a health assessment in the 6 months to 31 March',
  )
  // The development checks count from 6 months before 31 March; any other assessment from 1 April.
  if (assessed) {
    const when = developmentChecks ? addMonths(year.end, -6) : on
    out.assessments.push({ on: when, ageBand: ageBandOn(dob, when) })
  }

  const immunised = bit(row.immunisations, 'IMMUNISATIONS')
  check(immunised !== null, 'OC2: IMMUNISATIONS is blank')
  if (immunised) out.checks.push({ kind: 'immunisations', on, upToDate: true, sdqScore: null })
  const teeth = bit(row.teethCheck, 'TEETH_CHECK')
  check(teeth !== null, 'OC2: TEETH_CHECK is blank')
  if (teeth) out.checks.push({ kind: 'dental', on, upToDate: null, sdqScore: null })

  const misuse = bit(row.substanceMisuse, 'SUBSTANCE_MISUSE')
  check(misuse !== null, 'OC2: SUBSTANCE_MISUSE is blank')
  if (misuse) {
    const received = askedBit(
      row.interventionReceived,
      'INTERVENTION_RECEIVED',
      true,
      'a problem was identified',
    )
    const offered = askedBit(
      row.interventionOffered,
      'INTERVENTION_OFFERED',
      !received,
      received ? 'when an intervention was received' : 'no intervention was received',
    )
    out.outcomes.push({
      kind: 'substance_misuse',
      on,
      code: received ? 'received' : offered ? 'offered' : 'none',
    })
  } else {
    askedBit(row.interventionReceived, 'INTERVENTION_RECEIVED', false, 'with no substance misuse')
    askedBit(row.interventionOffered, 'INTERVENTION_OFFERED', false, 'with no substance misuse')
  }

  planSdq(row, dob, year, out)
  return out
}

/** SDQ_SCORE or SDQ_REASON, as the export works them out from the age (rules 157, 188, 189). */
function planSdq(row: ImportedOc2, dob: IsoDate, year: ImportYear, out: PlannedOc2): void {
  const four = addYears(dob, 4)
  const seventeen = addYears(dob, 17)
  const asked = four <= year.end && seventeen >= year.start
  // Turned 4 after 1 April or turns 17 in the year: the export gives SDQ1 when there is no score.
  const sdq1 = four > year.start || seventeen <= year.end
  if (!asked) {
    check(
      row.sdqScore === null && row.sdqReason === null,
      'OC2: an SDQ score or reason is given for a child not aged 4 to 16 in the year: it is blank',
    )
    return
  }
  if (row.sdqScore !== null) {
    const score = /^[0-9]{1,2}$/.test(row.sdqScore) ? Number(row.sdqScore) : -1
    check(score >= 0 && score <= 40, `OC2: SDQ_SCORE ${row.sdqScore} is not 0 to 40`)
    check(row.sdqReason === null, 'OC2: both an SDQ score and a reason for none are given')
    out.checks.push({ kind: 'sdq', on: year.start, upToDate: null, sdqScore: score })
    return
  }
  if (row.sdqReason === null) {
    check(!sdq1, 'OC2: SDQ_REASON is blank, but the child turned 4 or 17 in the year: it is SDQ1')
    return
  }
  if (row.sdqReason === 'SDQ1') {
    check(sdq1, 'OC2: SDQ_REASON SDQ1 (too young or too old) for a child aged 4 to 16 all year')
    return
  }
  check(/^SDQ[2-5]$/.test(row.sdqReason), `OC2: SDQ_REASON ${row.sdqReason} is not SDQ1 to SDQ5`)
  out.outcomes.push({ kind: 'sdq_reason', on: year.start, code: row.sdqReason })
}

/**
 * The decision to place for adoption from PlacedAdoption and AD1, and the index of the period it
 * belongs to; throws RowRefusal.
 */
export function planAdoption(
  placed: ImportedPlacedAdoption | null,
  ad1: ImportedAd1 | null,
  periods: readonly PeriodSpan[],
  year: ImportYear,
): { period: number; adoption: PlannedAdoption } | null {
  if (placed === null && ad1 === null) return null
  const decidedOn = (placed?.decision ?? ad1?.decision) as IsoDate
  check(
    placed === null || ad1 === null || placed.decision === ad1.decision,
    `AD1: DATE_INT ${words(ad1?.decision ?? '')} is not PlacedAdoption’s DATE_PLACED ${words(placed?.decision ?? '')}`,
  )
  check(decidedOn <= year.end, `PlacedAdoption: the decision of ${words(decidedOn)} is after the year`)
  check(periods.length > 0, 'PlacedAdoption: the child has no episodes of care in the return')
  let index = periods.findLastIndex((p) => p.start <= decidedOn && (p.end === null || decidedOn <= p.end))
  if (index < 0 && decidedOn < (periods[0] as PeriodSpan).start) index = 0
  check(
    index >= 0,
    `PlacedAdoption: the decision of ${words(decidedOn)} is not in a period of care in the return`,
  )
  const period = periods[index] as PeriodSpan
  const reversal = placed === null ? null : planReversal(placed, year)
  const adopted =
    period.end !== null &&
    period.end >= year.start &&
    period.end <= year.end &&
    ADOPTION_ORDERS.has(period.reasonCeased ?? '')
  check(
    ad1 === null || adopted,
    `AD1: the period of care from ${words(period.start)} did not end with an adoption order (E11, E12) in the year`,
  )
  check(
    ad1 !== null || !adopted,
    `PlacedAdoption: the period of care from ${words(period.start)} ended with an adoption order, but the return has no AD1 row (the match with the adopters)`,
  )
  return { period: index, adoption: { decidedOn, reversal, match: ad1 === null ? null : planMatch(ad1) } }
}

function planReversal(placed: ImportedPlacedAdoption, year: ImportYear): PlannedAdoption['reversal'] {
  check(
    (placed.reversed === null) === (placed.reason === null),
    'PlacedAdoption: DATE_PLACED_CEASED and REASON_PLACED_CEASED are given together or not at all',
  )
  if (placed.reversed === null) return null
  const on = placed.reversed
  check(
    codes(REVERSAL_REASONS).has(placed.reason ?? ''),
    `PlacedAdoption: REASON_PLACED_CEASED ${placed.reason ?? ''} is not RD1 to RD4`,
  )
  check(on >= placed.decision, 'PlacedAdoption: the decision was reversed before it was made')
  check(
    on >= year.start && on <= year.end,
    `PlacedAdoption: the reversal of ${words(on)} is not in the year, so the row is not the year’s`,
  )
  return { on, reason: placed.reason as AdoptionReversalReason }
}

function planMatch(ad1: ImportedAd1): PlannedAdoption['match'] {
  check(
    ad1.matched !== null &&
      ad1.fosterCare !== null &&
      ad1.adopters !== null &&
      ad1.sexes !== null &&
      ad1.legalStatus !== null,
    'AD1: Haven records the match whole: DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR and LS_ADOPTR',
  )
  const m = ad1 as Required<{ [K in keyof ImportedAd1]: NonNullable<ImportedAd1[K]> }>
  check(m.matched >= m.decision, 'AD1: DATE_MATCH is before DATE_INT')
  check(m.fosterCare === '0' || m.fosterCare === '1', `AD1: FOSTER_CARE ${m.fosterCare} is not 0 or 1`)
  check(m.adopters === '1' || m.adopters === '2', `AD1: NB_ADOPTR ${m.adopters} is not 1 or 2`)
  check(codes(ADOPTER_SEXES).has(m.sexes), `AD1: SEX_ADOPTR ${m.sexes} is not a valid code`)
  check(
    codes(ADOPTER_LEGAL_STATUSES).has(m.legalStatus),
    `AD1: LS_ADOPTR ${m.legalStatus} is not a valid code`,
  )
  const match = {
    on: m.matched,
    adopters: Number(m.adopters) as 1 | 2,
    sexes: m.sexes as AdopterSexes,
    legalStatus: m.legalStatus as AdopterLegalStatus,
    byFosterCarers: m.fosterCare === '1',
  }
  const disagree = adopterCodesRefusal(match)
  check(disagree === null, `AD1: ${disagree?.message ?? ''}`)
  return match
}

/** The events that resume an imported period's clocks (`resumeEvent` in clock-definitions.json). */
export const RESUME_EVENTS = {
  firstReview: 'lac_review.first_owed',
  secondReview: 'lac_review.second_owed',
  nextReview: 'lac_review.next_owed',
  firstVisit: 'lac_visit.first_owed',
} as const

/**
 * The statutory clocks a period of care still open after the import resumes, each as the event
 * that starts it and the day it counts from (the care module's own chain, reg. 33 and 28):
 * - the review owed next, counted from the latest review in the return: the first (20 working
 *   days) from the period's start when there is none, the second (3 months) after one, the next
 *   (6 months) after two or more. The return shows only the year's reviews, so for a period that
 *   began before the year this can only bring the next review forward, never put it back;
 * - the first visit in the current placement (1 week from its start): the return has no visits,
 *   so one is owed until the worker records the last one held.
 * A period that has ended resumes nothing.
 */
export function clocksToResume(period: {
  start: IsoDate
  end: IsoDate | null
  reviews: readonly { date: IsoDate }[]
  placements: readonly { start: IsoDate }[]
}): { type: string; from: IsoDate; summary: string }[] {
  if (period.end !== null) return []
  const latest = period.reviews
    .map((r) => r.date)
    .sort()
    .at(-1)
  const n = period.reviews.length
  const review =
    latest === undefined
      ? {
          type: RESUME_EVENTS.firstReview,
          from: period.start,
          summary: 'No looked-after review in the SSDA903 return: the first is owed from the start of care',
        }
      : {
          type: n === 1 ? RESUME_EVENTS.secondReview : RESUME_EVENTS.nextReview,
          from: latest,
          summary: `The next looked-after review is owed from the last in the SSDA903 return, held ${words(latest)}`,
        }
  const placement = period.placements.at(-1)
  return placement === undefined
    ? [review]
    : [
        review,
        {
          type: RESUME_EVENTS.firstVisit,
          from: placement.start,
          summary: `No visit in the SSDA903 return: a visit is owed in the placement from ${words(placement.start)}`,
        },
      ]
}

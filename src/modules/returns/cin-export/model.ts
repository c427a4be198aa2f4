/**
 * The CIN census from Haven's own records: what each child's rows in the modules' published
 * views say, put together as the census's record of the child (`CinRecordsOfChild`). Which
 * episodes and which of their parts go into a year's census is decided once, in
 * `../cin/census.ts`, for Haven's records and the synthetic authority alike. Pure: no I/O.
 *
 * How Haven's records become the DfE's fields:
 * - An episode (CINdetails) is a referral to children's social care. Its closure carries the
 *   DfE's coded reason (RC1–RC9) the module that closed it recorded; a referral closed with no
 *   further action at the front door is RC7 ("case closed for any other reason"). A closure with
 *   no code is written without a reason and the census's own rules report it, so the record gets
 *   fixed rather than the return.
 * - The primary need is the one recorded at the referral's latest authorised assessment (or,
 *   while none is authorised, its latest assessment).
 * - Assessments, section 47 enquiries and CP plans belong to the referral they were started
 *   from; one recorded without a referral belongs to the child's latest referral made on or
 *   before it started.
 * - The target date of the initial conference is 15 working days from the section 47's start,
 *   counting the start as the first (as the DfE's guide counts it).
 * - NumberOfPreviousCPP counts the child's earlier CP plans in Haven.
 * - CINPlanStartDate and CINPlanEndDate are the child in need plan's (protection's
 *   `protection_cin_plan_v`), in the episode of the referral it was started from, as a CP plan.
 */
import type { IsoDate } from '../../../platform/calendar/dates.js'
import type { WorkingCalendar } from '../../../platform/calendar/working-days.js'
import type { CinRecordsOfChild, CinReferralRecord } from '../cin/census.js'

export interface PersonRow {
  id: number
  laChildId: string
  kind: 'child' | 'adult' | 'unborn'
  dateOfBirth: IsoDate | null
  expectedBirthDate: IsoDate | null
  sex: string | null
  ethnicity: string | null
  disabilities: readonly string[]
  upn: string | null
  upnUnknownReason: string | null
  dateOfDeath: IsoDate | null
}

export interface ReferralRow {
  id: number
  childId: number
  referralDate: IsoDate
  source: string
  nfa: boolean
  /** The London day it was closed, or null while open. */
  closedOn: IsoDate | null
  /** The DfE's reason for closing it (RC1–RC9), when the module that closed it gave one. */
  closureCode: string | null
}

export interface AssessmentRow {
  childId: number
  referralId: number | null
  start: IsoDate
  authorised: IsoDate | null
  factors: readonly string[]
  primaryNeed: string | null
}

export interface Section47Row {
  childId: number
  referralId: number | null
  start: IsoDate
  icpc: IsoDate | null
  icpcNotRequired: boolean
  /** When the enquiry ended without a conference (the decision that none was needed). */
  completed: IsoDate | null
}

export interface CpPlanRow {
  id: number
  childId: number
  referralId: number | null
  start: IsoDate
  end: IsoDate | null
  initialCategory: string
  latestCategory: string
}

export interface CinPlanRow {
  childId: number
  referralId: number | null
  start: IsoDate
  end: IsoDate | null
}

export interface CpReviewRow {
  planId: number
  date: IsoDate
}

/** Everything recorded of a batch of children, every row of every child. */
export interface ChildrenRecords {
  referrals: readonly ReferralRow[]
  assessments: readonly AssessmentRow[]
  section47s: readonly Section47Row[]
  cinPlans: readonly CinPlanRow[]
  cpPlans: readonly CpPlanRow[]
  cpReviews: readonly CpReviewRow[]
}

const CLOSURE_REASON = /^RC[1-9]$/

/**
 * The DfE's reason a referral closed: the code recorded, else RC7 for the front door's no
 * further action, else none (the census's rules then report it). Annex A's list 6 says the same.
 */
export function closureReasonOf(closureCode: string | null, nfa: boolean): string | null {
  if (closureCode !== null && CLOSURE_REASON.test(closureCode)) return closureCode
  return nfa ? 'RC7' : null
}

/** The DfE's count: the start day is the first of the 15 working days. */
export function initialConferenceTarget(start: IsoDate, calendar: WorkingCalendar): IsoDate {
  const first = calendar.isWorkingDay(start) ? start : calendar.addWorkingDays(start, 1)
  return calendar.addWorkingDays(first, 14)
}

/**
 * `initialConferenceTarget`, remembered per calendar and start day: an export works out the
 * same few hundred days' targets for every enquiry of every batch.
 */
const targets = new WeakMap<WorkingCalendar, Map<IsoDate, IsoDate>>()
function conferenceTarget(start: IsoDate, calendar: WorkingCalendar): IsoDate {
  let known = targets.get(calendar)
  if (known === undefined) targets.set(calendar, (known = new Map()))
  let target = known.get(start)
  if (target === undefined) known.set(start, (target = initialConferenceTarget(start, calendar)))
  return target
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] }

/** The referral a record started without one belongs to: the latest made on or before it. */
function owner<R extends { referralId: number | null; start: IsoDate }>(
  record: R,
  referrals: readonly ReferralRow[],
): number | null {
  if (record.referralId !== null && referrals.some((r) => r.id === record.referralId))
    return record.referralId
  let found: ReferralRow | null = null
  for (const r of referrals)
    if (r.referralDate <= record.start && (found === null || r.referralDate >= found.referralDate)) found = r
  return found?.id ?? null
}

function byChild<R extends { childId: number }>(rows: readonly R[]): Map<number, R[]> {
  const out = new Map<number, R[]>()
  for (const r of rows) {
    const list = out.get(r.childId)
    if (list) list.push(r)
    else out.set(r.childId, [r])
  }
  return out
}

const byDate =
  <R>(date: (r: R) => string) =>
  (a: R, b: R) =>
    date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0

/**
 * Each child of `people` as the census knows them, with every referral and what followed it.
 * The year's census then takes what falls in the year (`cinText`).
 */
export function cinRecordsOf(
  people: readonly PersonRow[],
  records: ChildrenRecords,
  calendar: WorkingCalendar,
): { personId: number; records: CinRecordsOfChild }[] {
  const referrals = byChild(records.referrals)
  const assessments = byChild(records.assessments)
  const section47s = byChild(records.section47s)
  const plans = byChild(records.cpPlans)
  const cinPlans = byChild(records.cinPlans)
  const reviews = new Map<number, IsoDate[]>()
  for (const r of records.cpReviews) reviews.set(r.planId, [...(reviews.get(r.planId) ?? []), r.date])

  return people.map((p) => {
    const own = [...(referrals.get(p.id) ?? [])].sort(byDate((r) => r.referralDate))
    const episodes = new Map<number, Mutable<CinReferralRecord>>()
    const needs = new Map<number, { authorised: IsoDate | null; start: IsoDate; need: string }>()
    for (const r of own)
      episodes.set(r.id, {
        referralDate: r.referralDate,
        source: r.source,
        primaryNeed: null,
        nfa: r.nfa,
        closureDate: r.closedOn,
        closureReason: closureReasonOf(r.closureCode, r.nfa),
        assessments: [],
        cinPlans: [],
        section47s: [],
        cpPlans: [],
      })

    for (const a of [...(assessments.get(p.id) ?? [])].sort(byDate((x) => x.start))) {
      const id = owner(a, own)
      const episode = id === null ? undefined : episodes.get(id)
      if (id === null || !episode) continue
      episode.assessments.push({ start: a.start, authorised: a.authorised, factors: [...a.factors] })
      if (a.primaryNeed !== null) {
        // The latest authorised assessment's need, or the latest assessment's while none is.
        const held = needs.get(id)
        const better =
          held === undefined ||
          (a.authorised !== null && (held.authorised === null || a.authorised >= held.authorised)) ||
          (a.authorised === null && held.authorised === null && a.start >= held.start)
        if (better) needs.set(id, { authorised: a.authorised, start: a.start, need: a.primaryNeed })
      }
    }
    for (const [id, n] of needs) (episodes.get(id) as Mutable<CinReferralRecord>).primaryNeed = n.need

    for (const s of [...(section47s.get(p.id) ?? [])].sort(byDate((x) => x.start))) {
      const episode = episodes.get(owner(s, own) ?? -1)
      if (!episode) continue
      episode.section47s.push({
        start: s.start,
        icpcTarget: conferenceTarget(s.start, calendar),
        icpc: s.icpc,
        icpcNotRequired: s.icpcNotRequired,
        completed: s.icpc ?? s.completed,
      })
    }

    for (const plan of [...(cinPlans.get(p.id) ?? [])].sort(byDate((x) => x.start)))
      episodes.get(owner(plan, own) ?? -1)?.cinPlans.push({ start: plan.start, end: plan.end })

    const childPlans = [...(plans.get(p.id) ?? [])].sort(byDate((x) => x.start))
    childPlans.forEach((plan, earlier) => {
      const episode = episodes.get(owner(plan, own) ?? -1)
      if (!episode) return
      episode.cpPlans.push({
        start: plan.start,
        end: plan.end,
        initialCategory: plan.initialCategory,
        latestCategory: plan.latestCategory,
        previousPlans: earlier,
        reviews: [...(reviews.get(plan.id) ?? [])].sort(),
      })
    })

    return {
      personId: p.id,
      records: {
        laChildId: p.laChildId,
        upn: p.upn,
        upnUnknown: p.upn === null ? p.upnUnknownReason : null,
        dateOfBirth: p.kind === 'unborn' ? null : p.dateOfBirth,
        // Kept after the birth: a child born after the census year was unborn on its last day
        // and is written with it (census.ts `cinText`).
        expectedDateOfBirth: p.kind === 'unborn' || p.dateOfBirth !== null ? p.expectedBirthDate : null,
        sex: p.sex ?? '',
        dateOfDeath: p.dateOfDeath,
        ethnicity: p.ethnicity ?? '',
        disabilities: p.disabilities,
        referrals: own.map((r) => episodes.get(r.id) as CinReferralRecord),
      },
    }
  })
}

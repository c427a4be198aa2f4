/**
 * Placements' commissioning, cost, approval, where they are and how stable (issue 17). Pure: the
 * commissioning routes, which placements need which approval, money as whole pence, in or out of
 * borough and within 20 miles, the DfE's two stability measures, and the forms' schemas.
 *
 * Decisions (README, "Placements: commissioning, approval and stability"):
 * - A cost is optional for an in-house placement (the authority's standard fostering allowance,
 *   set by age band, not negotiated per child) and required for a framework or spot purchase,
 *   which is the contract price the committee's averages are made of.
 * - Residential (the head of service approves): K1, K2, R1, S1 — children's homes, residential
 *   care homes and residential schools, as the seeds define residential. External (the Placement
 *   Panel approves): provided by another authority, public, private or voluntary provision
 *   (PR2–PR5), temporary placements aside.
 */
import { z } from 'zod'
import {
  addCalendarDays,
  addMonths,
  addYears,
  ageOn,
  londonToday,
  longDate,
} from '../../platform/calendar/dates.js'
import { dayBoxes, isAdoptivePlacement, isTemporary, readDay, type Refusal } from './model.js'
import {
  COMMISSIONING_ROUTES,
  penceText,
  readCommissioning,
  type CommissioningRoute,
} from './placement-money.js'

export * from './placement-money.js'

export const APPROVAL_KINDS = {
  placement_panel: 'Placement Panel',
  head_of_service: 'Head of service',
} as const
export type ApprovalKind = keyof typeof APPROVAL_KINDS

/** Children's homes (secure and regulated), residential care homes and residential schools. */
export const RESIDENTIAL_PLACES: readonly string[] = ['K1', 'K2', 'R1', 'S1']
export const isResidential = (place: string) => RESIDENTIAL_PLACES.includes(place)
const EXTERNAL_PROVIDERS: readonly string[] = ['PR2', 'PR3', 'PR4', 'PR5']

/** Commissioned from outside the authority: another LA, public, private or voluntary provision. */
export function isExternal(p: { place: string; provider: string | null }): boolean {
  return p.provider !== null && EXTERNAL_PROVIDERS.includes(p.provider) && !isTemporary(p.place)
}

/** The approvals a placement needs: the panel for an external one, the head of service for residential. */
export function approvalsNeeded(p: { place: string; provider: string | null }): ApprovalKind[] {
  const needed: ApprovalKind[] = []
  if (isExternal(p)) needed.push('placement_panel')
  if (isResidential(p.place)) needed.push('head_of_service')
  return needed
}

/** The approvals still awaited: needed and not recorded. An emergency placement starts here. */
export function approvalsAwaited(
  p: { place: string; provider: string | null },
  recorded: readonly ApprovalKind[],
): ApprovalKind[] {
  return approvalsNeeded(p).filter((k) => !recorded.includes(k))
}

/** Whether the placement ought to have a cost: commissioned externally or residential. */
export function costExpected(p: { place: string; provider: string | null }): boolean {
  return isExternal(p) || (isResidential(p.place) && p.provider !== 'PR0')
}

/** The cost in force on a day: the latest row from on or before it (then the latest recorded). */
export function costOn<C extends { from_date: string; id: number }>(
  costs: readonly C[],
  day: string,
): C | null {
  let found: C | null = null
  for (const c of costs)
    if (
      c.from_date <= day &&
      (found === null ||
        c.from_date > found.from_date ||
        (c.from_date === found.from_date && c.id > found.id))
    )
      found = c
  return found
}

// ---------------------------------------------------------------------------------------------
// Where: in or out of borough, within 20 miles of home.

/** In borough when the placement's upper-tier LA is the authority's; null when either is unknown. */
export function inBorough(placementLa: string | null, authority: string | null): boolean | null {
  if (placementLa === null || authority === null) return null
  return placementLa === authority
}

/** The seeds' aim: within a 20-mile radius of home (20.0 miles is within). */
export const WITHIN_MILES = 20
export function within20Miles(distance: number | null): boolean | null {
  return distance === null ? null : distance <= WITHIN_MILES
}

/** "In borough, 4.2 miles from home (within 20 miles)", the parts unknown said so. */
export function whereText(inside: boolean | null, distance: number | null): string {
  const borough =
    inside === null ? 'In or out of borough not known' : inside ? 'In borough' : 'Out of borough'
  if (distance === null) return `${borough}; distance from home not known`
  return `${borough}, ${distance} miles from home (${distance <= WITHIN_MILES ? 'within' : 'more than'} 20 miles)`
}

// ---------------------------------------------------------------------------------------------
// Stability: the DfE's two measures (standards §c.2; seeds §6.4).

export interface StayFacts {
  startDate: string
  endDate: string | null
  place: string
  /** Began with the same carers as the placement before (a change with RNE B or U). */
  sameCarer: boolean
}

/** The 12 months to a day: from the day after the same day a year before, through the day. */
export function yearTo(day: string): { from: string; to: string } {
  return { from: addCalendarDays(addYears(day, -1), 1), to: day }
}

/**
 * Placements in the 12 months to `day`: every placement the child was in on any day of it (the one
 * they were in when it began included), temporary ones (T0–T4: hospital, holiday, respite while
 * the carers are away, a week or less) left out, as absences rather than moves.
 */
export function placementsInYear(stays: readonly StayFacts[], day: string): number {
  const { from, to } = yearTo(day)
  return stays.filter(
    (s) => !isTemporary(s.place) && s.startDate <= to && (s.endDate === null || s.endDate >= from),
  ).length
}

/** Short-term instability: 3 or more placements in the 12 months to the day. */
export const THREE_OR_MORE = 3
export const threeOrMorePlacements = (stays: readonly StayFacts[], day: string) =>
  placementsInYear(stays, day) >= THREE_OR_MORE

export type LongTermStability =
  | { cohort: false; why: 'not_looked_after' | 'aged_16' | 'no_date_of_birth' | 'under_2_5_years' }
  | { cohort: true; stable: boolean; since: string }

/**
 * Long-term stability on `day`: in the cohort when looked after then, under 16, and looked after
 * continuously for at least 2.5 years (the period began on or before the day 30 months earlier);
 * stable when living with the same carers for at least 2 years (the current placement, with the
 * placements before it that the child moved from without changing carers, began on or before the
 * day 2 years earlier), or placed for adoption (A3–A6) where that placement and the one before
 * it together began that long ago. `stays` are the current period's, oldest first.
 */
export function longTermStability(c: {
  day: string
  dateOfBirth: string | null
  periodStart: string | null
  stays: readonly StayFacts[]
}): LongTermStability {
  const current = c.stays.at(-1)
  if (c.periodStart === null || current === undefined || current.endDate !== null)
    return { cohort: false, why: 'not_looked_after' }
  if (c.dateOfBirth === null) return { cohort: false, why: 'no_date_of_birth' }
  if (ageOn(c.dateOfBirth, c.day) >= 16) return { cohort: false, why: 'aged_16' }
  if (c.periodStart > addMonths(c.day, -30)) return { cohort: false, why: 'under_2_5_years' }
  let i = c.stays.length - 1
  while (i > 0 && (c.stays[i] as StayFacts).sameCarer) i -= 1
  let since = (c.stays[i] as StayFacts).startDate
  if (isAdoptivePlacement(current.place) && i > 0) since = (c.stays[i - 1] as StayFacts).startDate
  return { cohort: true, stable: since <= addYears(c.day, -2), since }
}

// ---------------------------------------------------------------------------------------------
// The forms.

/** The commissioning form: from when, the route and the weekly cost. */
export function costSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({ ...dayBoxes('from'), route: z.string().optional(), weeklyCost: z.string().optional() })
    .transform((v, ctx) => {
      const from = readDay(
        v,
        'from',
        ctx,
        { missing: 'Enter the date the cost applies from', name: 'The date' },
        today,
      )
      const commissioning = readCommissioning(v, ctx, true)
      if (from === null || !commissioning) return z.NEVER
      return { from, ...commissioning }
    })
}
export type CostInput = z.output<ReturnType<typeof costSchema>>

/** The approval form: which approval, when and by whom. */
export function approvalSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      kind: z.enum(['placement_panel', 'head_of_service'], { error: 'Select who approved the placement' }),
      ...dayBoxes('approved'),
      approver: z
        .string({ error: 'Enter the name of the panel’s chair or the head of service' })
        .trim()
        .min(1, 'Enter the name of the panel’s chair or the head of service')
        .max(200, 'The name must be 200 characters or fewer'),
    })
    .transform((v, ctx) => {
      const approvedOn = readDay(
        v,
        'approved',
        ctx,
        { missing: 'Enter the date the placement was approved', name: 'The date of approval' },
        today,
      )
      if (approvedOn === null) return z.NEVER
      return { kind: v.kind as ApprovalKind, approvedOn, approver: v.approver }
    })
}
export type ApprovalInput = z.output<ReturnType<typeof approvalSchema>>

/** A cost dated before the placement began, or after it ended, or in the future. */
export function costRefusal(
  input: { from: string },
  placement: { startDate: string; endDate: string | null },
  today: string,
): Refusal | null {
  if (input.from > today) return { field: 'from-day', message: 'The date must be today or in the past' }
  if (input.from < placement.startDate)
    return {
      field: 'from-day',
      message: `The date must be on or after ${longDate(placement.startDate)}, when the placement began`,
    }
  if (placement.endDate !== null && input.from > placement.endDate)
    return {
      field: 'from-day',
      message: `The date must be on or before ${longDate(placement.endDate)}, when the placement ended`,
    }
  return null
}

/** An approval the placement does not need, already recorded, dated before it began or in the future. */
export function approvalRefusal(
  input: { kind: ApprovalKind; approvedOn: string },
  placement: { place: string; provider: string | null; startDate: string },
  recorded: readonly ApprovalKind[],
  today: string,
): Refusal | null {
  if (!approvalsNeeded(placement).includes(input.kind))
    return {
      field: 'kind',
      message:
        input.kind === 'head_of_service'
          ? 'Only a residential placement (K1, K2, R1 or S1) needs the head of service’s approval'
          : 'Only an external placement (provider PR2 to PR5) goes to the Placement Panel',
    }
  if (recorded.includes(input.kind))
    return {
      field: 'kind',
      message: `The ${APPROVAL_KINDS[input.kind].toLowerCase()}’s approval is already recorded`,
    }
  if (input.approvedOn > today)
    return { field: 'approved-day', message: 'The date of approval must be today or in the past' }
  if (input.approvedOn < placement.startDate)
    return {
      field: 'approved-day',
      message: `The date of approval must be on or after ${longDate(placement.startDate)}, when the placement began`,
    }
  return null
}

/** The chronology's words for a cost or an approval. */
export function costWords(c: {
  route: CommissioningRoute
  weeklyPence: number | null
  from: string
}): string {
  const cost = c.weeklyPence === null ? 'standard allowance' : `${penceText(c.weeklyPence)} a week`
  return `Placement commissioned ${COMMISSIONING_ROUTES[c.route].toLowerCase()}, ${cost}, from ${longDate(c.from)}`
}
export function approvalWords(a: { kind: ApprovalKind; approvedOn: string; approver: string }): string {
  return a.kind === 'placement_panel'
    ? `Placement approved by the Placement Panel on ${longDate(a.approvedOn)}, chaired by ${a.approver}`
    : `Residential placement approved by the head of service, ${a.approver}, on ${longDate(a.approvedOn)}`
}

export const PLACEMENT_EVENTS = {
  costRecorded: 'placement.cost_recorded',
  approved: 'placement.approved',
  /** A placement that needs approval began: starts `placement-approval` on the team manager's list. */
  approvalOwed: 'placement.approval_owed',
  /** Its last approval recorded: stops the clock. */
  approvalComplete: 'placement.approval_complete',
  /** A move from a placement that needed approval to one that needs none: cancels the clock. */
  approvalNotNeeded: 'placement.approval_not_needed',
} as const

/** The clock of a placement's approval (reference/clock-definitions.json). */
export const PLACEMENT_APPROVAL_CLOCK = 'placement-approval'

/** The chronology's line for a placement that needs approval. */
export function approvalOwedWords(kinds: readonly ApprovalKind[]): string {
  return `Placement awaits approval: ${kinds.map((k) => (k === 'placement_panel' ? 'the Placement Panel' : 'the head of service')).join(' and ')}`
}

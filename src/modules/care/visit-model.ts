/**
 * Statutory visits to a looked-after child (Care Planning, Placement and Case Review (England)
 * Regulations 2010, reg. 28): within a week of each placement, then at intervals of at most six
 * weeks (the clocks `lac-visit-1w` and `lac-visit-6w`), each recording whether the child was seen
 * and seen alone; the Pledge's figure of 12 visits a year shown beside them. Pure: the form's
 * schema, which placement a visit's date falls in and the refusals, the words of the visit, and
 * the figures the care page shows.
 */
import { z } from 'zod'
import { addMonths } from '../../platform/calendar/clocks.js'
import { londonInstant, londonToday, longDate } from '../../platform/calendar/dates.js'
import { readDay, type Refusal } from './model.js'

/** The case event a visit writes: it stops the running visit clock and starts the next. */
export const VISIT_EVENT = 'lac_visit.held'
/** The clocks a visit stops, whose open task is the next visit due. */
export const VISIT_CLOCKS = ['lac-visit-1w', 'lac-visit-6w'] as const
/** The Pledge: a child in care is visited 12 times a year. */
export const PLEDGE_VISITS_A_YEAR = 12

export const LOCATIONS = { placement: 'At the placement', elsewhere: 'Somewhere else' } as const
export type Location = keyof typeof LOCATIONS

/** A visit's event sits at noon on its day: after a placement that starts that day, before care that ends it. */
export const visitInstant = (date: string) => londonInstant(date, '12:00')

/** A placement of the period, as a visit's date is placed in one. */
export interface PlacementSpan {
  id: number
  startDate: string
  endDate: string | null
}

/**
 * The placement a visit on `date` was in: the latest placement of the period started on or before
 * it (on a day the child moved, the new one). A visit may be recorded in the current placement or
 * the one the child has just left, on or after the period started and not in the future.
 */
export function placementOfVisit(
  date: string,
  s: { periodStart: string; placements: readonly PlacementSpan[]; today: string },
): PlacementSpan | Refusal {
  const field = 'visited-day'
  if (date > s.today) return { field, message: 'The date of the visit must be today or in the past' }
  if (date < s.periodStart)
    return {
      field,
      message: `The date of the visit must be on or after ${longDate(s.periodStart)}, when the child started to be looked after`,
    }
  const ordered = [...s.placements].sort((a, b) => (a.startDate < b.startDate ? -1 : 1) || a.id - b.id)
  const recent = ordered.slice(-2)
  const earliest = recent[0]
  if (earliest === undefined) throw new Error('A period of care has no placement')
  if (date < earliest.startDate)
    return {
      field,
      message: `The date of the visit must be on or after ${longDate(earliest.startDate)}: a visit can be recorded in the current placement or the one before it`,
    }
  return recent.findLast((p) => p.startDate <= date) ?? earliest
}

export const isVisitRefusal = (r: PlacementSpan | Refusal): r is Refusal => 'message' in r

/** What a visit records about the child. */
export interface VisitFacts {
  visitedBy: string
  location: Location
  locationDetail: string | null
  seen: boolean
  seenAlone: boolean
  notSeenReason: string | null
}

/** The visit in words, for the chronology: "Statutory visit at the placement by Sam Patel: child seen alone". */
export function visitSummary(v: VisitFacts): string {
  const where = v.location === 'placement' ? 'at the placement' : `elsewhere (${v.locationDetail ?? ''})`
  const seen = !v.seen
    ? `child not seen: ${v.notSeenReason ?? ''}`
    : v.seenAlone
      ? 'child seen alone'
      : 'child seen, not alone'
  return `Statutory visit ${where} by ${v.visitedBy}: ${seen}`
}

/** The Pledge's figure: visits on or after the day 12 months before today, against 12. */
export function visitsInLastYear(visitDates: readonly string[], today: string) {
  const from = addMonths(today, -12)
  const held = visitDates.filter((d) => d > from && d <= today).length
  return { held, target: PLEDGE_VISITS_A_YEAR, from, met: held >= PLEDGE_VISITS_A_YEAR }
}

/** The next visit due: the soonest open task of the visit clocks, or null. */
export function nextVisitDue<T extends { clock_code: string; due_at: Date }>(tasks: readonly T[]): T | null {
  const visits = tasks.filter((t) => (VISIT_CLOCKS as readonly string[]).includes(t.clock_code))
  return visits.reduce<T | null>(
    (soonest, t) => (soonest === null || t.due_at < soonest.due_at ? t : soonest),
    null,
  )
}

// ---------------------------------------------------------------------------------------------
// A placement agreed as long-term

/** The case event of a long-term match agreed (the care module's chronology names `placement.*`). */
export const LONG_TERM_EVENT = 'placement.long_term_agreed'

/**
 * The interval to the next visit that a visit starts (the `visitInterval` attribute the clock
 * `lac-visit-6w` reads): 3 months when the visit is in a placement already agreed as long-term and
 * at least a year after the placement started, else 6 weeks.
 */
export function visitInterval(
  placement: { startDate: string; longTermAgreedOn: string | null },
  visitedOn: string,
): '3m' | '6w' {
  const agreed = placement.longTermAgreedOn
  const afterFirstYear = visitedOn >= addMonths(placement.startDate, 12)
  return agreed !== null && agreed <= visitedOn && afterFirstYear ? '3m' : '6w'
}

/** Why the current placement cannot be recorded as agreed long-term on this date, or null. */
export function longTermRefusal(s: {
  agreedOn: string
  placementStart: string
  today: string
  alreadyAgreedOn: string | null
}): Refusal | null {
  if (s.alreadyAgreedOn !== null)
    return {
      field: 'form',
      message: `This placement was already agreed as long-term on ${longDate(s.alreadyAgreedOn)}`,
    }
  if (s.agreedOn > s.today) return { field: 'agreed-day', message: 'The date must be today or in the past' }
  if (s.agreedOn < s.placementStart)
    return {
      field: 'agreed-day',
      message: `The date must be on or after ${longDate(s.placementStart)}, when the placement started`,
    }
  return null
}

// ---------------------------------------------------------------------------------------------
// The forms

export function longTermSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      'agreed-day': z.string().optional(),
      'agreed-month': z.string().optional(),
      'agreed-year': z.string().optional(),
    })
    .transform((v, ctx) => {
      const agreedOn = readDay(
        v,
        'agreed',
        ctx,
        { missing: 'Enter the date the long-term match was agreed', name: 'The date' },
        today,
      )
      return agreedOn === null ? z.NEVER : { agreedOn }
    })
}
export type LongTermInput = z.output<ReturnType<typeof longTermSchema>>

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null))

export function visitSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      'visited-day': z.string().optional(),
      'visited-month': z.string().optional(),
      'visited-year': z.string().optional(),
      visitedBy: z
        .string({ error: 'Enter who visited' })
        .trim()
        .min(1, 'Enter who visited')
        .max(200, 'Who visited must be 200 characters or fewer'),
      location: z.enum(['placement', 'elsewhere'], { error: 'Select where the visit took place' }),
      locationDetail: text('Where the visit took place', 200),
      seen: z.enum(['yes', 'no'], { error: 'Select whether the child was seen' }),
      seenAlone: z
        .string()
        .optional()
        .transform((v) => (v ? v : null)),
      notSeenReason: text('The reason the child was not seen', 500),
      note: text('The note', 2000),
    })
    .transform((v, ctx) => {
      const visitedOn = readDay(
        v,
        'visited',
        ctx,
        { missing: 'Enter the date of the visit', name: 'The date of the visit' },
        today,
      )
      if (v.location === 'elsewhere' && v.locationDetail === null)
        ctx.addIssue({
          code: 'custom',
          path: ['locationDetail'],
          message: 'Enter where the visit took place',
        })
      const seen = v.seen === 'yes'
      if (seen && v.seenAlone !== 'yes' && v.seenAlone !== 'no')
        ctx.addIssue({
          code: 'custom',
          path: ['seenAlone'],
          message: 'Select whether the child was seen alone',
        })
      if (!seen && v.notSeenReason === null)
        ctx.addIssue({ code: 'custom', path: ['notSeenReason'], message: 'Enter why the child was not seen' })
      if (visitedOn === null || (v.location === 'elsewhere' && v.locationDetail === null)) return z.NEVER
      if (seen ? v.seenAlone !== 'yes' && v.seenAlone !== 'no' : v.notSeenReason === null) return z.NEVER
      return {
        visitedOn,
        visitedBy: v.visitedBy,
        location: v.location as Location,
        // Where, only for a visit elsewhere; seen alone only when seen; a reason only when not.
        locationDetail: v.location === 'elsewhere' ? v.locationDetail : null,
        seen,
        seenAlone: seen && v.seenAlone === 'yes',
        notSeenReason: seen ? null : v.notSeenReason,
        note: v.note,
      }
    })
}
export type VisitInput = z.output<ReturnType<typeof visitSchema>>

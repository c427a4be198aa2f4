/**
 * Looked-after reviews and the IRO (issue 17). Pure: the participation codes (SSDA903
 * REVIEW_CODE) and Haven's reasons for a late review (`reference/care/reviews.json`), the rules a
 * review must meet (its date, participation against the child's age, the report shared before it,
 * the reason for delay when held after its clock's due date), the minutes' date, and the forms'
 * schemas. The service applies the rules to what is saved.
 */
import { z } from 'zod'
import reviewsFile from '../../../reference/care/reviews.json' with { type: 'json' }
import type { ChronologyEvent, ChronologyPresenter } from '../../platform/modules.js'
import { ageOn, londonToday, longDate } from '../../platform/calendar/dates.js'
import { dayBoxes, readDay, type Code, type Refusal } from './model.js'

export interface ReviewCodes {
  participation: readonly Code[]
  delayReasons: readonly Code[]
  minutesWorkingDays: number
}

/** Checks the lists once, at start: PN0 to PN7 exactly, and codes the table's check accepts. */
export function readReviewCodes(raw: unknown): ReviewCodes {
  const codes = z
    .array(z.object({ code: z.string().regex(/^[A-Z0-9]{2,8}$/), label: z.string().min(1) }))
    .min(1)
  const parsed = z
    .object({
      $comment: z.string().min(1),
      participation: codes,
      delayReasons: codes,
      minutesWorkingDays: z.number().int().positive(),
    })
    .parse(raw)
  const pn = parsed.participation.map((p) => p.code).join(' ')
  if (pn !== 'PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7')
    throw new Error(`The participation codes must be PN0 to PN7 in order, not ${pn}`)
  return parsed
}

export const REVIEW_CODES: ReviewCodes = readReviewCodes(reviewsFile)
export const PARTICIPATION = REVIEW_CODES.participation
export const DELAY_REASONS = REVIEW_CODES.delayReasons

/** The code of a child under 4 on the day (rules 440, 441): every other code is for 4 and over. */
export const UNDER_FOUR = 'PN0'

/** The clock subject of a review's minutes, and the case events of reviews and the IRO. */
export const REVIEW_SUBJECT = 'lac_review'
export const REVIEW_EVENTS = {
  /** On the period of care: stops the running review clock, whose `then` starts the next. */
  held: 'lac_review.held',
  /** On the review: starts the minutes' clock (lac-review-minutes). */
  minutesDue: 'lac_review.minutes_due',
  /** On the review: stops it. */
  minutesDistributed: 'lac_review.minutes_distributed',
  /** On the period of care: a new IRO (the first, or one replacing another). */
  iroAllocated: 'care.iro_allocated',
} as const
/** The clocks whose running instance is the next review due (reference/clock-definitions.json). */
export const REVIEW_CLOCKS: readonly string[] = ['lac-review-20wd', 'lac-review-3m', 'lac-review-6m']
export const MINUTES_CLOCK = 'lac-review-minutes'

/** The lines of the review events on the chronology: each is written with its words. */
export const REVIEW_CHRONOLOGY: ChronologyPresenter = {
  types: ['lac_review.*'],
  summary: (event: ChronologyEvent) => event.summary,
  // A review, and its minutes, are recorded for a day.
  datedTypes: [REVIEW_EVENTS.held, REVIEW_EVENTS.minutesDue, REVIEW_EVENTS.minutesDistributed],
  // A looked-after review is a multi-agency meeting held.
  meetingTypes: [REVIEW_EVENTS.held],
}

/** "PN1: Child attends …", or the code alone when the list has no such code. */
export function reviewCodeText(list: readonly Code[], code: string | null): string {
  if (code === null) return ''
  const found = list.find((c) => c.code === code)
  return found ? `${code}: ${found.label}` : code
}

// ---------------------------------------------------------------------------------------------
// The rules

/**
 * PN0 if and only if the child was under 4 on the day of the review (903 rules 440 and 441).
 * Without a date of birth the age cannot be known, so PN0 cannot be given.
 */
export function participationRefusal(
  participation: string,
  dateOfBirth: string | null,
  heldOn: string,
): Refusal | null {
  const field = 'participation'
  if (dateOfBirth === null)
    return participation === UNDER_FOUR
      ? { field, message: 'PN0 is for a child under 4: record the child’s date of birth first' }
      : null
  const age = ageOn(dateOfBirth, heldOn)
  if (age < 4 && participation !== UNDER_FOUR)
    return {
      field,
      message: `The child was ${age === 1 ? '1 year' : `${age} years`} old on the day of the review: select PN0, for a child under 4`,
    }
  if (age >= 4 && participation === UNDER_FOUR)
    return {
      field,
      message: `The child was ${age} years old on the day of the review: PN0 is only for a child under 4`,
    }
  return null
}

/** A review's date: not in the future, not before the period of care, after the last review. */
export function reviewDateRefusal(r: {
  heldOn: string
  today: string
  periodStart: string
  lastReview: string | null
}): Refusal | null {
  const field = 'held-day'
  if (r.heldOn > r.today) return { field, message: 'The date of the review must be today or in the past' }
  if (r.heldOn < r.periodStart)
    return {
      field,
      message: `The date of the review must be on or after ${longDate(r.periodStart)}, when the child started to be looked after`,
    }
  if (r.lastReview !== null && r.heldOn <= r.lastReview)
    return {
      field,
      message: `The date of the review must be after ${longDate(r.lastReview)}, when the last review was held`,
    }
  return null
}

/** Held after the day its clock fell due (a review on the due date is on time). */
export const isLate = (heldOn: string, dueOn: string | null): boolean => dueOn !== null && heldOn > dueOn

/**
 * The reason for delay kept with the review: needed when it was late, and not kept when it was
 * on time (the form offers it before the date is known to be late or not).
 */
export function delayReason(
  heldOn: string,
  dueOn: string | null,
  given: string | null,
): { lateReason: string | null } | Refusal {
  if (!isLate(heldOn, dueOn)) return { lateReason: null }
  if (given === null)
    return {
      field: 'lateReason',
      message: `The review was due by ${longDate(dueOn as string)}: select the reason it was held late`,
    }
  return { lateReason: given }
}

/** The social worker's report shared before the review: its date, on or before the review's. */
export function reportRefusal(heldOn: string, sharedOn: string | null): Refusal | null {
  if (sharedOn !== null && sharedOn > heldOn)
    return {
      field: 'report-day',
      message: 'The report must have been shared on or before the day of the review',
    }
  return null
}

/** The minutes' distribution: on or after the review, not in the future. */
export function minutesRefusal(heldOn: string, distributedOn: string, today: string): Refusal | null {
  const field = 'minutes-day'
  if (distributedOn > today) return { field, message: 'The date must be today or in the past' }
  if (distributedOn < heldOn)
    return {
      field,
      message: `The date must be on or after ${longDate(heldOn)}, when the review was held`,
    }
  return null
}

export const isReviewRefusal = <T extends object>(r: T | Refusal): r is Refusal => 'message' in r

// ---------------------------------------------------------------------------------------------
// The forms' schemas

const codeOf = (list: readonly Code[], message: string) =>
  z.enum(list.map((c) => c.code) as [string, ...string[]], { error: message })

export const iroSchema = z.object({
  iro: z
    .string({ error: 'Select the independent reviewing officer' })
    .regex(/^\d{1,12}$/, 'Select the independent reviewing officer')
    .transform(Number),
})
export type IroInput = z.output<typeof iroSchema>

export function reviewSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...dayBoxes('held'),
      participation: codeOf(PARTICIPATION, 'Select how the child took part in the review'),
      reportShared: z.enum(['yes', 'no'], {
        error: 'Select whether the social worker’s report was shared before the review',
      }),
      ...dayBoxes('report'),
      reportNotSharedReason: z
        .string()
        .trim()
        .max(500, 'Why the report was not shared must be 500 characters or fewer')
        .optional()
        .transform((v) => (v ? v : null)),
      lateReason: z
        .string()
        .optional()
        .transform((v) => (v ? v : null)),
    })
    .transform((v, ctx) => {
      const heldOn = readDay(
        v,
        'held',
        ctx,
        { missing: 'Enter the date the review was held', name: 'The date of the review' },
        today,
      )
      const shared = v.reportShared === 'yes'
      const sharedOn = readDay(
        v,
        'report',
        ctx,
        {
          missing: shared ? 'Enter the date the report was shared with the child and family' : null,
          name: 'The date the report was shared',
        },
        today,
      )
      if (!shared && v.reportNotSharedReason === null)
        ctx.addIssue({
          code: 'custom',
          path: ['reportNotSharedReason'],
          message: 'Enter why the report was not shared before the review',
        })
      const unknownReason = v.lateReason !== null && !DELAY_REASONS.some((r) => r.code === v.lateReason)
      if (unknownReason)
        ctx.addIssue({
          code: 'custom',
          path: ['lateReason'],
          message: 'Select the reason for the delay from the list',
        })
      if (heldOn === null || unknownReason) return z.NEVER
      if (shared ? sharedOn === null : v.reportNotSharedReason === null) return z.NEVER
      return {
        heldOn,
        participation: v.participation,
        report: shared
          ? { sharedOn: sharedOn as string, notSharedReason: null }
          : { sharedOn: null, notSharedReason: v.reportNotSharedReason },
        lateReason: v.lateReason,
      }
    })
}
export type ReviewInput = z.output<ReturnType<typeof reviewSchema>>

export function minutesSchema(now: Date) {
  const today = londonToday(now)
  return z.object({ ...dayBoxes('minutes') }).transform((v, ctx) => {
    const distributedOn = readDay(
      v,
      'minutes',
      ctx,
      { missing: 'Enter the date the minutes were distributed', name: 'The date' },
      today,
    )
    if (distributedOn === null) return z.NEVER
    return { distributedOn }
  })
}
export type MinutesInput = z.output<ReturnType<typeof minutesSchema>>

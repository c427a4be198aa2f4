/**
 * Section 47 enquiries (Children Act 1989, s.47; Working Together 2023, 4.3): started by a held
 * strategy discussion on its date; the child seen (and whether alone); the outcome, whether the
 * concerns were substantiated and the child is likely to suffer significant harm, and whether an
 * initial child protection conference is needed (and why not), authorised by a manager (the
 * platform's sign-off step), whose day is the enquiry's completed date. The ICPC is due within 15 working
 * days of the strategy discussion (the clock `icpc-15wd`). Pure.
 */
import { z } from 'zod'
import { dateFromParts, longDate, type IsoDate } from '../../platform/calendar/dates.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import type { Code } from './model.js'

export const S47_CLOCK = 'icpc-15wd'
/** The case events' subject: the S47 id. */
export const S47_SUBJECT = 's47'
export const ICPC_WORKING_DAYS = 15

export type S47Outcome = 'substantiated' | 'not_substantiated'

export const S47_OUTCOMES: readonly Code<S47Outcome>[] = [
  { code: 'substantiated', label: 'Concerns substantiated' },
  { code: 'not_substantiated', label: 'Concerns not substantiated' },
]

/** The date the initial conference is due by: 15 working days after the strategy discussion. */
export function icpcDueDate(calendar: WorkingCalendar, startDate: IsoDate): IsoDate {
  return calendar.addWorkingDays(startDate, ICPC_WORKING_DAYS)
}

/**
 * Reads a GOV.UK date (`<prefix>-day`, `-month`, `-year`), adding an error on the day box when it
 * is missing, not a real date, in the future, or before `notBefore`.
 */
export function readDate(
  v: Record<string, string | undefined>,
  prefix: string,
  ctx: z.RefinementCtx,
  o: {
    label: string
    missing: string
    today: IsoDate
    notBefore?: { date: IsoDate; what: string }
    future?: boolean
  },
): IsoDate | null {
  const [d, m, y] = [v[`${prefix}-day`] ?? '', v[`${prefix}-month`] ?? '', v[`${prefix}-year`] ?? '']
  const path = [`${prefix}-day`]
  if (d === '' && m === '' && y === '') {
    ctx.addIssue({ code: 'custom', path, message: o.missing })
    return null
  }
  const iso = dateFromParts(d, m, y)
  if (iso === null) {
    ctx.addIssue({ code: 'custom', path, message: `${o.label} must be a real date` })
    return null
  }
  if (!o.future && iso > o.today) {
    ctx.addIssue({ code: 'custom', path, message: `${o.label} must be today or in the past` })
    return null
  }
  if (o.notBefore && iso < o.notBefore.date) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `${o.label} must be on or after ${longDate(o.notBefore.date)}, when ${o.notBefore.what}`,
    })
    return null
  }
  return iso
}

const dateBoxes = (prefix: string) => ({
  [`${prefix}-day`]: z.string().trim().default(''),
  [`${prefix}-month`]: z.string().trim().default(''),
  [`${prefix}-year`]: z.string().trim().default(''),
})

const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes')

export const CHILD_SEEN_FIELD_IDS = { seenOn: 'seen-day' } as const

/** The child seen during the enquiry: the date (not before it started, not in the future), and alone or not. */
export function childSeenSchema(today: IsoDate, startDate: IsoDate) {
  return z
    .object({ ...dateBoxes('seen'), seenAlone: yesNo('Select yes if the child was seen alone') })
    .transform((v, ctx) => {
      const seenOn = readDate(v as unknown as Record<string, string>, 'seen', ctx, {
        label: 'Date the child was seen',
        missing: 'Enter the date the child was seen',
        today,
        notBefore: { date: startDate, what: 'the section 47 enquiry started' },
      })
      return seenOn === null ? z.NEVER : { seenOn, seenAlone: v.seenAlone }
    })
}
export type ChildSeenInput = z.output<ReturnType<typeof childSeenSchema>>

/**
 * The enquiry's outcome as the worker records it: substantiated or not, likely to suffer
 * significant harm or not, a conference needed or not (with the reason when not). It goes to a
 * manager for authorisation; the day they authorise it is the day the enquiry is completed.
 */
export function s47OutcomeSchema() {
  return z
    .object({
      outcome: z.enum(['substantiated', 'not_substantiated'], {
        error: 'Select whether the concerns were substantiated',
      }),
      likelyHarm: yesNo('Select yes if the child is likely to suffer significant harm'),
      conferenceNeeded: yesNo('Select yes if an initial child protection conference is needed'),
      noConferenceReason: z
        .string()
        .trim()
        .max(4000, 'Reason must be 4,000 characters or fewer')
        .optional()
        .transform((v) => (v ? v : null)),
    })
    .transform((v, ctx) => {
      if (!v.conferenceNeeded && v.noConferenceReason === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['noConferenceReason'],
          message: 'Enter why a conference is not needed',
        })
        return z.NEVER
      }
      return {
        outcome: v.outcome,
        likelyHarm: v.likelyHarm,
        conferenceNeeded: v.conferenceNeeded,
        noConferenceReason: v.conferenceNeeded ? null : v.noConferenceReason,
      }
    })
}
export type S47OutcomeInput = z.output<ReturnType<typeof s47OutcomeSchema>>

/** Where the enquiry stands, for its tag. */
export function s47Status(s: {
  cancelled_at: Date | null
  outcome: string | null
  completed_on: string | null
  conference_needed: boolean | null
  icpcHeld: boolean
}): { text: string; colour: string } {
  if (s.cancelled_at) return { text: 'Cancelled', colour: 'grey' }
  if (s.outcome === null) return { text: 'In progress', colour: 'blue' }
  if (s.completed_on === null) return { text: 'Outcome waiting for authorisation', colour: 'yellow' }
  if (s.conference_needed === false) return { text: 'Completed: no conference', colour: 'grey' }
  return s.icpcHeld
    ? { text: 'Conference held', colour: 'green' }
    : { text: 'Conference needed', colour: 'red' }
}

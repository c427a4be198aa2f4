/**
 * Care proceedings (issue 17). Pure: the hearings and orders, the Public Law Outline stage read
 * from the hearings recorded, the 26-week timetable and its extensions (the arithmetic the clock
 * `care-proceedings-26w` falls due by), the date-order rules, the forms and the chronology's words.
 * No I/O.
 */
import { z } from 'zod'
import { STATUTORY_CLOCKS, type ClockDefinition } from '../../platform/calendar/clocks.js'
import { addCalendarDays, londonInstant, londonToday, longDate } from '../../platform/calendar/dates.js'
import { toDayNumber } from '../../platform/calendar/working-days.js'
import type { ChronologyEvent, ChronologyPresenter } from '../../platform/modules.js'
import { readDay, type Refusal } from './model.js'

export const PROCEEDINGS_CLOCK = 'care-proceedings-26w'
/** The clock's subject and the worklist task's: one set of proceedings. */
export const PROCEEDINGS_SUBJECT = 'care_proceedings'

export const PROCEEDINGS_EVENTS = {
  /** Issued, or the timetable extended: (re)starts the clock on the date it carries. */
  timetabled: 'care_proceedings.timetabled',
  hearing: 'care_proceedings.hearing_held',
  /** The final order, or the application withdrawn: stops the clock. */
  concluded: 'care_proceedings.concluded',
} as const

export const PROCEEDINGS_CHRONOLOGY: ChronologyPresenter = {
  types: ['care_proceedings.*'],
  summary: (event: ChronologyEvent) => event.summary,
  datedTypes: Object.values(PROCEEDINGS_EVENTS),
}

export interface Option {
  code: string
  label: string
}

export const HEARING_KINDS: readonly Option[] = [
  { code: 'cmh', label: 'Case management hearing' },
  { code: 'further_cmh', label: 'Further case management hearing' },
  { code: 'irh', label: 'Issues resolution hearing' },
  { code: 'final', label: 'Final hearing' },
  { code: 'other', label: 'Other hearing' },
]

/** The orders a hearing can make. */
export const HEARING_ORDERS: readonly Option[] = [
  { code: 'interim_care_order', label: 'Interim care order' },
  { code: 'interim_supervision_order', label: 'Interim supervision order' },
  { code: 'care_order', label: 'Care order' },
  { code: 'supervision_order', label: 'Supervision order' },
  { code: 'placement_order', label: 'Placement order' },
  { code: 'special_guardianship_order', label: 'Special guardianship order' },
  { code: 'child_arrangements_order', label: 'Child arrangements order' },
  { code: 'no_order', label: 'No order' },
]

/** How proceedings end: a final order (not an interim one), no order, or the application withdrawn. */
export const FINAL_ORDERS: readonly Option[] = [
  ...HEARING_ORDERS.filter((o) => !o.code.startsWith('interim_')),
  { code: 'withdrawn', label: 'Application withdrawn' },
]

/**
 * The SSDA903 legal status an order gives the child: the care module's own legal-status form
 * records the change; the care page shows the order beside it.
 */
export const ORDER_LEGAL_STATUS: Readonly<Record<string, string>> = {
  interim_care_order: 'C1',
  care_order: 'C2',
  placement_order: 'E1',
}

export const optionLabel = (list: readonly Option[], code: string | null) =>
  code === null ? '' : (list.find((o) => o.code === code)?.label ?? code)

/** The longest extension the court may grant at a time (s.32(5), (8)): 8 weeks. */
export const MAX_EXTENSION_DAYS = 56

// ---------------------------------------------------------------------------------------------
// The 26 weeks

const definitionOf = (code: string) => {
  const d = STATUTORY_CLOCKS.find((c) => c.code === code)
  if (!d) throw new Error(`The clock ${code} is not defined`)
  return d
}

/**
 * The days in the statutory timetable: the clock's length in calendar weeks (26 weeks are 182
 * days). Calendar weeks, because the Act counts weeks and the court's timetable runs through
 * weekends and holidays.
 */
export function timetableDays(definition: ClockDefinition = definitionOf(PROCEEDINGS_CLOCK)): number {
  if (definition.unit !== 'weeks') throw new Error(`${definition.code} must count weeks`)
  return definition.length * 7
}

/**
 * The last day of the 26 weeks "beginning with the day on which the application was issued": the
 * day of issue is the first of the 182, so the last is 181 days after it.
 */
export function weeks26End(issuedOn: string, definition?: ClockDefinition): string {
  return addCalendarDays(issuedOn, timetableDays(definition) - 1)
}

/** The timetable's end as extended: the latest extension's date, else the end of the 26 weeks. */
export function timetableEnd(issuedOn: string, extensions: readonly { extendedTo: string }[]): string {
  return extensions.reduce((end, x) => (x.extendedTo > end ? x.extendedTo : end), weeks26End(issuedOn))
}

/** Whole days from one date to another. */
export const daysFrom = (from: string, to: string) => toDayNumber(to) - toDayNumber(from)

/** The week of the proceedings a day falls in: the day of issue is in week 1, day 182 in week 26. */
export function weekOf(issuedOn: string, day: string): number {
  return Math.floor(daysFrom(issuedOn, day) / 7) + 1
}

/** "8 weeks", "3 weeks and 2 days", "5 days". */
export function lengthInWords(days: number): string {
  const weeks = Math.floor(days / 7)
  const rest = days % 7
  const w = weeks === 1 ? '1 week' : `${weeks} weeks`
  const d = rest === 1 ? '1 day' : `${rest} days`
  if (weeks === 0) return d
  return rest === 0 ? w : `${w} and ${d}`
}

/**
 * The Public Law Outline stage the proceedings are at, read from the hearings held (so it cannot
 * disagree with them): stage 1 from issue, stage 2 once a case management hearing is held, stage 3
 * at the issues resolution hearing, stage 4 at the final hearing.
 */
export function ploStage(s: { hearingKinds: readonly string[]; concluded: boolean }): string {
  if (s.concluded) return 'Concluded'
  const held = new Set(s.hearingKinds)
  if (held.has('final')) return 'Stage 4: final hearing'
  if (held.has('irh')) return 'Stage 3: issues resolution hearing'
  if (held.has('cmh') || held.has('further_cmh')) return 'Stage 2: case management hearing'
  return 'Stage 1: issue and allocation'
}

// ---------------------------------------------------------------------------------------------
// The rules that need the record

/** The application: issued on or after the child's birth, the letter before it on or before it; one open at a time. */
export function applicationRefusal(s: {
  issuedOn: string
  letterBeforeOn: string | null
  dateOfBirth: string | null
  openSince: string | null
}): Refusal | null {
  if (s.openSince !== null)
    return {
      field: 'form',
      message: `This child already has care proceedings issued on ${longDate(s.openSince)}: record their conclusion first`,
    }
  if (s.dateOfBirth !== null && s.issuedOn < s.dateOfBirth)
    return {
      field: 'issued-day',
      message: `The date the application was issued must be on or after ${longDate(s.dateOfBirth)}, the child’s date of birth`,
    }
  if (s.letterBeforeOn !== null && s.letterBeforeOn > s.issuedOn)
    return {
      field: 'letter-day',
      message:
        'The date of the letter before proceedings must be on or before the date the application was issued',
    }
  return null
}

/** A hearing: on or after the application was issued, and while the proceedings are open. */
export function hearingRefusal(s: { heardOn: string; issuedOn: string }): Refusal | null {
  if (s.heardOn < s.issuedOn)
    return {
      field: 'heard-day',
      message: `The date of the hearing must be on or after ${longDate(s.issuedOn)}, when the application was issued`,
    }
  return null
}

/**
 * An extension: granted on or after issue, and moving the end of the timetable as it stands later
 * by no more than 8 weeks (s.32(8): from the end of the period being extended).
 */
export function extensionRefusal(s: {
  grantedOn: string
  extendedTo: string
  issuedOn: string
  currentEnd: string
}): Refusal | null {
  if (s.grantedOn < s.issuedOn)
    return {
      field: 'granted-day',
      message: `The date the extension was granted must be on or after ${longDate(s.issuedOn)}, when the application was issued`,
    }
  if (s.extendedTo <= s.currentEnd)
    return {
      field: 'to-day',
      message: `The new end of the timetable must be after ${longDate(s.currentEnd)}, when it ends now`,
    }
  if (daysFrom(s.currentEnd, s.extendedTo) > MAX_EXTENSION_DAYS)
    return {
      field: 'to-day',
      message: `An extension can be no longer than 8 weeks: the latest the timetable can end is ${longDate(addCalendarDays(s.currentEnd, MAX_EXTENSION_DAYS))}`,
    }
  return null
}

/** The conclusion: on or after the application, the last hearing and the last extension granted. */
export function conclusionRefusal(s: {
  concludedOn: string
  issuedOn: string
  lastHearing: string | null
  lastGrant: string | null
}): Refusal | null {
  const after = [
    { day: s.issuedOn, what: 'when the application was issued' },
    { day: s.lastHearing, what: 'the last hearing recorded' },
    { day: s.lastGrant, what: 'when the last extension was granted' },
  ]
    .filter((a): a is { day: string; what: string } => a.day !== null)
    .sort((a, b) => (a.day < b.day ? 1 : -1))[0]
  if (after && s.concludedOn < after.day)
    return {
      field: 'concluded-day',
      message: `The date the proceedings concluded must be on or after ${longDate(after.day)}, ${after.what}`,
    }
  return null
}

// ---------------------------------------------------------------------------------------------
// The forms

const text = (missing: string, label: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`)
const enumOf = (list: readonly Option[], message: string) =>
  z.enum(list.map((o) => o.code) as [string, ...string[]], { error: message })
const boxes = (prefix: string) => ({
  [`${prefix}-day`]: z.string().optional(),
  [`${prefix}-month`]: z.string().optional(),
  [`${prefix}-year`]: z.string().optional(),
})

export function applicationSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...boxes('issued'),
      ...boxes('letter'),
      court: text('Enter the court', 'The court', 200),
      applicant: text('Enter the applicant authority', 'The applicant authority', 200),
    })
    .transform((v, ctx) => {
      const issuedOn = readDay(
        v,
        'issued',
        ctx,
        { missing: 'Enter the date the application was issued', name: 'The date the application was issued' },
        today,
      )
      const letterBeforeOn = readDay(
        v,
        'letter',
        ctx,
        { missing: null, name: 'The date of the letter before proceedings' },
        today,
      )
      if (issuedOn !== null && letterBeforeOn !== null && letterBeforeOn > issuedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['letter-day'],
          message:
            'The date of the letter before proceedings must be on or before the date the application was issued',
        })
      return issuedOn === null
        ? z.NEVER
        : { issuedOn, letterBeforeOn, court: v.court, applicant: v.applicant }
    })
}
export type ApplicationInput = z.output<ReturnType<typeof applicationSchema>>

export function hearingSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...boxes('heard'),
      kind: enumOf(HEARING_KINDS, 'Select the type of hearing'),
      outcome: text('Enter what happened at the hearing', 'What happened', 2000),
      order: z
        .union([z.literal(''), enumOf(HEARING_ORDERS, 'Select the order made')])
        .optional()
        .transform((o) => (o ? o : null)),
    })
    .transform((v, ctx) => {
      const heardOn = readDay(
        v,
        'heard',
        ctx,
        { missing: 'Enter the date of the hearing', name: 'The date of the hearing' },
        today,
      )
      return heardOn === null ? z.NEVER : { heardOn, kind: v.kind, outcome: v.outcome, order: v.order }
    })
}
export type HearingInput = z.output<ReturnType<typeof hearingSchema>>

export function extensionSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...boxes('granted'),
      ...boxes('to'),
      reason: text('Enter why the court extended the timetable', 'The reason', 2000),
    })
    .transform((v, ctx) => {
      const grantedOn = readDay(
        v,
        'granted',
        ctx,
        {
          missing: 'Enter the date the court granted the extension',
          name: 'The date the extension was granted',
        },
        today,
      )
      // The new end is usually still to come: any real date.
      const extendedTo = readDay(
        v,
        'to',
        ctx,
        { missing: 'Enter the date the timetable now ends', name: 'The date the timetable now ends' },
        '9999-12-31',
      )
      return grantedOn === null || extendedTo === null ? z.NEVER : { grantedOn, extendedTo, reason: v.reason }
    })
}
export type ExtensionInput = z.output<ReturnType<typeof extensionSchema>>

export function conclusionSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...boxes('concluded'),
      finalOrder: enumOf(FINAL_ORDERS, 'Select the final order'),
    })
    .transform((v, ctx) => {
      const concludedOn = readDay(
        v,
        'concluded',
        ctx,
        {
          missing: 'Enter the date the proceedings concluded',
          name: 'The date the proceedings concluded',
        },
        today,
      )
      return concludedOn === null ? z.NEVER : { concludedOn, finalOrder: v.finalOrder }
    })
}
export type ConclusionInput = z.output<ReturnType<typeof conclusionSchema>>

// ---------------------------------------------------------------------------------------------
// Words

/** A proceedings' day sits at noon in London, like a visit's. */
export const proceedingsInstant = (date: string) => londonInstant(date, '12:00')

export function issuedSummary(input: ApplicationInput, ends: string): string {
  return `Care proceedings issued by ${input.applicant} at ${input.court}: to conclude within 26 weeks, by ${longDate(ends)}`
}

export function extensionSummary(s: { previousEnd: string; extendedTo: string; reason: string }): string {
  return `Care proceedings’ timetable extended by ${lengthInWords(daysFrom(s.previousEnd, s.extendedTo))}, to ${longDate(s.extendedTo)}: ${s.reason}`
}

export function hearingSummary(input: HearingInput): string {
  const order = input.order ? `; ${optionLabel(HEARING_ORDERS, input.order).toLowerCase()} made` : ''
  return `${optionLabel(HEARING_KINDS, input.kind)} in care proceedings${order}: ${input.outcome}`
}

export function conclusionSummary(s: { issuedOn: string; concludedOn: string; finalOrder: string }): string {
  const weeks = weekOf(s.issuedOn, s.concludedOn)
  const how =
    s.finalOrder === 'withdrawn'
      ? 'the application withdrawn'
      : `${optionLabel(FINAL_ORDERS, s.finalOrder).toLowerCase()}`
  return `Care proceedings concluded in week ${weeks}: ${how}`
}

/**
 * The health of a looked-after child (Promoting the health and wellbeing of looked-after
 * children, statutory guidance): the initial health assessment within 20 working days of care
 * starting (`iha-20wd`), then review health assessments every 6 months under 5 and every 12 months
 * from 5 (`rha`, whose length follows the `ageBand` of the assessment that starts it); dental
 * checks, sight tests, immunisations and the Strengths and Difficulties Questionnaire (SDQ, ages 4
 * to 16, scored 0 to 40), each a dated record. Pure: the words, the rules and their refusals, the
 * age band, what is in date, and the forms' schemas. The service applies the rules to what is saved.
 */
import { z } from 'zod'
import { addMonths } from '../../platform/calendar/clocks.js'
import { ageOn, londonInstant, londonToday, longDate } from '../../platform/calendar/dates.js'
import type { ChronologyEvent, ChronologyPresenter } from '../../platform/modules.js'
import type {
  HealthAgeBand,
  HealthAssessmentKind,
  HealthCheckKind,
  HealthWaitingReason,
} from '../../platform/db/schema.js'
import { dayBoxes, readDay, type Refusal } from './model.js'

export type { HealthAgeBand, HealthAssessmentKind, HealthCheckKind, HealthWaitingReason }

/** The case events of health, all on the period of care. */
export const HEALTH_EVENTS = {
  /** Stops `iha-20wd`; its `then` starts `rha` with the event's `ageBand`. */
  ihaCompleted: 'iha.completed',
  /** Stops the running `rha` and starts the next with the event's `ageBand`. */
  rhaCompleted: 'rha.completed',
  /** An outstanding assessment's progress: requested, the appointment, why it is waiting. */
  ihaUpdated: 'iha.updated',
  rhaUpdated: 'rha.updated',
  /** A dental check, sight test, immunisations check or SDQ score. */
  checkRecorded: 'health_check.recorded',
} as const

/** The clocks whose open task is the health assessment due (reference/clock-definitions.json). */
export const HEALTH_CLOCKS: Readonly<Record<HealthAssessmentKind, string>> = { iha: 'iha-20wd', rha: 'rha' }

export const ASSESSMENT_NAMES: Readonly<Record<HealthAssessmentKind, string>> = {
  iha: 'Initial health assessment',
  rha: 'Review health assessment',
}

/** Why an outstanding assessment waits: the seeds' two queues (appointment, paperwork) and the rest. */
export const WAITING_REASONS: Readonly<Record<HealthWaitingReason, string>> = {
  appointment: 'Waiting for an appointment',
  paperwork: 'Waiting for the paperwork (consent or referral forms)',
  declined: 'The child declined',
  other: 'Another reason',
}

export const CHECK_NAMES: Readonly<Record<HealthCheckKind, string>> = {
  dental: 'Dental check',
  sight: 'Sight test',
  immunisations: 'Immunisations checked',
  sdq: 'Strengths and Difficulties Questionnaire (SDQ)',
}

/** The SDQ is for children aged 4 to 16 on the day; its total difficulties score is 0 to 40. */
export const SDQ_AGES = { from: 4, to: 16 } as const
export const SDQ_SCORE = { min: 0, max: 40 } as const

/** A health assessment's and a check's event sits at noon on its day: after care that starts that day. */
export const healthInstant = (date: string) => londonInstant(date, '12:00')

/**
 * The age band a completed assessment gives the next review's clock: under 5 on the day of the
 * assessment (6 months), or 5 and over (12 months). Without a date of birth, none: the clock
 * takes the shorter timescale.
 */
export function ageBandOn(dateOfBirth: string | null, date: string): HealthAgeBand | null {
  if (dateOfBirth === null) return null
  return ageOn(dateOfBirth, date) < 5 ? 'under_5' : '5_and_over'
}

/** When a yearly check done on `date` is due again: 12 months on (clamped to the month's end). */
export const dueAgainOn = (date: string): string => addMonths(date, 12)

/** Whether a yearly check done on `date` is in date today: today is on or before it is due again. */
export const inDate = (date: string, today: string): boolean => date <= today && today <= dueAgainOn(date)

// ---------------------------------------------------------------------------------------------
// The rules

/** What an outstanding or completed assessment records, as the form gives it. */
export interface AssessmentFacts {
  requestedOn: string | null
  appointmentOn: string | null
  completedOn: string | null
  completedBy: string | null
  waitingReason: HealthWaitingReason | null
  waitingOther: string | null
}

/**
 * An assessment's dates against the record: none before the period of care started or before the
 * last assessment was completed (a review follows the one before it), the request not in the
 * future, the appointment and the completion on or after the request. The schema has refused a
 * completion in the future.
 */
export function assessmentRefusal(
  a: AssessmentFacts,
  s: { today: string; periodStart: string; previousCompleted: string | null },
): Refusal | null {
  const floor =
    s.previousCompleted !== null && s.previousCompleted > s.periodStart
      ? {
          on: s.previousCompleted,
          why: 'when the last health assessment was completed',
          strict: true,
        }
      : { on: s.periodStart, why: 'when the child started to be looked after', strict: false }
  const early = (date: string) => (floor.strict ? date <= floor.on : date < floor.on)
  const words = (name: string) =>
    `${name} must be ${floor.strict ? 'after' : 'on or after'} ${longDate(floor.on)}, ${floor.why}`
  if (a.requestedOn !== null) {
    if (a.requestedOn > s.today)
      return { field: 'requested-day', message: 'The date it was requested must be today or in the past' }
    if (a.requestedOn < s.periodStart)
      return {
        field: 'requested-day',
        message: `The date it was requested must be on or after ${longDate(s.periodStart)}, when the child started to be looked after`,
      }
  }
  if (a.appointmentOn !== null) {
    if (early(a.appointmentOn)) return { field: 'appointment-day', message: words('The appointment') }
    if (a.requestedOn !== null && a.appointmentOn < a.requestedOn)
      return {
        field: 'appointment-day',
        message: `The appointment must be on or after ${longDate(a.requestedOn)}, when the assessment was requested`,
      }
  }
  if (a.completedOn !== null) {
    if (early(a.completedOn)) return { field: 'completed-day', message: words('The date it was completed') }
    if (a.requestedOn !== null && a.completedOn < a.requestedOn)
      return {
        field: 'completed-day',
        message: `The date it was completed must be on or after ${longDate(a.requestedOn)}, when it was requested`,
      }
  }
  return null
}

/** A check's date: not before the period of care, not in the future (the schema refused that). */
export function checkDateRefusal(checkedOn: string, periodStart: string): Refusal | null {
  if (checkedOn < periodStart)
    return {
      field: 'checked-day',
      message: `The date must be on or after ${longDate(periodStart)}, when the child started to be looked after`,
    }
  return null
}

/** The SDQ only for a child aged 4 to 16 on the day (a date of birth needed to know). */
export function sdqAgeRefusal(dateOfBirth: string | null, checkedOn: string): Refusal | null {
  const field = 'checked-day'
  if (dateOfBirth === null)
    return { field, message: 'Record the child’s date of birth first: the SDQ is for ages 4 to 16' }
  const age = ageOn(dateOfBirth, checkedOn)
  if (age < SDQ_AGES.from || age > SDQ_AGES.to)
    return {
      field,
      message: `The child was ${age === 1 ? '1 year' : `${age} years`} old on that day: the SDQ is for children aged ${SDQ_AGES.from} to ${SDQ_AGES.to}`,
    }
  return null
}

// ---------------------------------------------------------------------------------------------
// Words

/** An outstanding assessment's reason in words ("Waiting for an appointment", or the other reason). */
export function waitingText(reason: HealthWaitingReason | null, other: string | null): string {
  if (reason === null) return ''
  return reason === 'other' ? `Other: ${other ?? ''}` : WAITING_REASONS[reason]
}

/** The chronology's line of an assessment recorded: completed, or outstanding and why. */
export function assessmentSummary(kind: HealthAssessmentKind, a: AssessmentFacts): string {
  const name = ASSESSMENT_NAMES[kind]
  if (a.completedOn !== null) return `${name} completed by ${a.completedBy ?? ''}`
  const parts = [
    a.requestedOn ? `requested ${longDate(a.requestedOn)}` : null,
    a.appointmentOn ? `appointment ${longDate(a.appointmentOn)}` : null,
  ].filter((p) => p !== null)
  return `${name} outstanding: ${waitingText(a.waitingReason, a.waitingOther).toLowerCase()}${parts.length ? ` (${parts.join(', ')})` : ''}`
}

/** What a dated check records. */
export interface CheckFacts {
  kind: HealthCheckKind
  checkedOn: string
  upToDate: boolean | null
  sdqScore: number | null
  completedBy: string | null
}

export function checkSummary(c: CheckFacts): string {
  if (c.kind === 'immunisations')
    return `Immunisations checked: ${c.upToDate ? 'up to date' : 'not up to date'}`
  if (c.kind === 'sdq') return `SDQ score ${c.sdqScore ?? ''}, completed by ${c.completedBy ?? ''}`
  return `${CHECK_NAMES[c.kind]} recorded`
}

/** The lines of health's events on the chronology: each is written with its words. */
export const HEALTH_CHRONOLOGY: ChronologyPresenter = {
  types: ['iha.*', 'rha.*', 'health_check.*'],
  summary: (event: ChronologyEvent) => event.summary,
  // Completed assessments and checks are recorded for a day; an update is recorded when it is made.
  datedTypes: [HEALTH_EVENTS.ihaCompleted, HEALTH_EVENTS.rhaCompleted, HEALTH_EVENTS.checkRecorded],
}

// ---------------------------------------------------------------------------------------------
// The forms

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null))

/** No upper bound on a date that may be in the future (an appointment booked). */
const ANY_DAY = '9999-12-31'

export function assessmentSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...dayBoxes('requested'),
      ...dayBoxes('appointment'),
      ...dayBoxes('completed'),
      completedBy: text('Who completed the assessment', 200),
      waitingReason: z
        .string()
        .optional()
        .transform((v) => (v ? v : null)),
      waitingOther: text('The reason', 500),
    })
    .transform((v, ctx) => {
      const requestedOn = readDay(
        v,
        'requested',
        ctx,
        { missing: null, name: 'The date it was requested' },
        today,
      )
      const appointmentOn = readDay(
        v,
        'appointment',
        ctx,
        { missing: null, name: 'The date of the appointment' },
        ANY_DAY,
      )
      const completedOn = readDay(
        v,
        'completed',
        ctx,
        { missing: null, name: 'The date it was completed' },
        today,
      )
      const filled = (prefix: string) =>
        ['day', 'month', 'year'].some((k) => {
          const box = (v as Record<string, unknown>)[`${prefix}-${k}`]
          return typeof box === 'string' && box.trim() !== ''
        })
      const completedBoxes = filled('completed')
      const invalidDates =
        (filled('requested') && requestedOn === null) ||
        (filled('appointment') && appointmentOn === null) ||
        (completedBoxes && completedOn === null)
      let ok = !invalidDates
      const reason = v.waitingReason
      if (completedOn !== null) {
        if (v.completedBy === null) {
          ctx.addIssue({
            code: 'custom',
            path: ['completedBy'],
            message: 'Enter who completed the assessment, for example the LAC nurse or the paediatrician',
          })
          ok = false
        }
      } else if (!completedBoxes) {
        if (reason === null || !(reason in WAITING_REASONS)) {
          ctx.addIssue({
            code: 'custom',
            path: ['waitingReason'],
            message: 'Select why the assessment is waiting, or enter the date it was completed',
          })
          ok = false
        } else if (reason === 'other' && v.waitingOther === null) {
          ctx.addIssue({
            code: 'custom',
            path: ['waitingOther'],
            message: 'Enter why the assessment is waiting',
          })
          ok = false
        }
      }
      if (!ok) return z.NEVER
      const completed = completedOn !== null
      const waitingReason = completed ? null : (reason as HealthWaitingReason)
      return {
        requestedOn,
        appointmentOn,
        completedOn,
        completedBy: completed ? v.completedBy : null,
        waitingReason,
        waitingOther: waitingReason === 'other' ? v.waitingOther : null,
      } satisfies AssessmentFacts
    })
}
export type AssessmentInput = z.output<ReturnType<typeof assessmentSchema>>

export function checkSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      kind: z.enum(['dental', 'sight', 'immunisations', 'sdq'], { error: 'Select what was checked' }),
      ...dayBoxes('checked'),
      upToDate: z
        .string()
        .optional()
        .transform((v) => (v ? v : null)),
      sdqScore: z
        .string()
        .optional()
        .transform((v) => (v ? v.trim() : '')),
      sdqBy: text('Who completed the questionnaire', 200),
    })
    .transform((v, ctx) => {
      const checkedOn = readDay(
        v,
        'checked',
        ctx,
        { missing: 'Enter the date of the check', name: 'The date of the check' },
        today,
      )
      let ok = checkedOn !== null
      if (v.kind === 'immunisations' && v.upToDate !== 'yes' && v.upToDate !== 'no') {
        ctx.addIssue({
          code: 'custom',
          path: ['upToDate'],
          message: 'Select whether the child’s immunisations are up to date',
        })
        ok = false
      }
      let score: number | null = null
      if (v.kind === 'sdq') {
        if (v.sdqScore === '') {
          ctx.addIssue({ code: 'custom', path: ['sdqScore'], message: 'Enter the SDQ score' })
          ok = false
        } else if (!/^\d{1,2}$/.test(v.sdqScore) || Number(v.sdqScore) > SDQ_SCORE.max) {
          ctx.addIssue({
            code: 'custom',
            path: ['sdqScore'],
            message: `The SDQ score must be a whole number from ${SDQ_SCORE.min} to ${SDQ_SCORE.max}`,
          })
          ok = false
        } else score = Number(v.sdqScore)
        if (v.sdqBy === null) {
          ctx.addIssue({
            code: 'custom',
            path: ['sdqBy'],
            message: 'Enter who completed the questionnaire, for example the foster carer',
          })
          ok = false
        }
      }
      if (!ok || checkedOn === null) return z.NEVER
      return {
        kind: v.kind as HealthCheckKind,
        checkedOn,
        upToDate: v.kind === 'immunisations' ? v.upToDate === 'yes' : null,
        sdqScore: score,
        completedBy: v.kind === 'sdq' ? v.sdqBy : null,
      } satisfies CheckFacts
    })
}
export type CheckInput = z.output<ReturnType<typeof checkSchema>>

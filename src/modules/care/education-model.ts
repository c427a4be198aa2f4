/**
 * The education of children looked after (issue 17): the school a child attends and its Ofsted
 * grade, time missing education, the personal education plan (PEP) within 10 school days of
 * entering care and then each term (the clocks `pep-10wd` and `pep-review-term`), attendance by
 * term and exclusions; and the virtual school's caseload of children of compulsory school age.
 * Pure: the code lists, the school-age and term rules, the refusals, the words of each record for
 * the chronology, and the forms' schemas.
 *
 * Haven has no school-term calendar. School days are counted as working days (the PEP clock's
 * source says so), a term is taken as 3 months for the PEP's review, and a day's term is read from
 * its month: September to December autumn, January to March spring, April to August summer.
 */
import { z } from 'zod'
import { ageOn, longDate } from '../../platform/calendar/dates.js'
import type { ChronologyEvent, ChronologyPresenter } from '../../platform/modules.js'
import { dayBoxes, readDay, type Refusal } from './model.js'

/** The case events of education, on the period of care (the PEP's stops and starts its clocks). */
export const EDUCATION_EVENTS = {
  pepCompleted: 'pep.completed',
  schoolStarted: 'education.school_started',
  missingStarted: 'education.missing_started',
  missingEnded: 'education.missing_ended',
  attendance: 'education.attendance_recorded',
  exclusion: 'education.exclusion_recorded',
} as const

/** The PEP's clocks: the first within 10 working days of care starting, then one each term. */
export const PEP_CLOCKS = ['pep-10wd', 'pep-review-term'] as const

export const EDUCATION_CHRONOLOGY: ChronologyPresenter = {
  types: ['pep.*', 'education.*'],
  summary: (event: ChronologyEvent) => event.summary,
  // Each is recorded for a day.
  datedTypes: Object.values(EDUCATION_EVENTS),
}

export const OFSTED_GRADES = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  not_inspected: 'Not yet inspected',
} as const
export type OfstedGrade = keyof typeof OFSTED_GRADES

/** The seeds' PEP quality: "not good enough" is the finding; good PEPs have measurable targets, the child's voice and the carers' views. */
export const PEP_QUALITIES = {
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
} as const
export type PepQuality = keyof typeof PEP_QUALITIES

/** What a child missing education receives meanwhile (the seeds: part-time alternative provision or tutoring, or nothing). */
export const PROVISIONS = {
  none: 'No provision',
  part_time: 'Part-time alternative provision',
  tutoring: 'Tutoring',
} as const
export type Provision = keyof typeof PROVISIONS

export const TERMS = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' } as const
export type Term = keyof typeof TERMS

export const EXCLUSION_KINDS = { suspension: 'Suspension', permanent: 'Permanent exclusion' } as const
export type ExclusionKind = keyof typeof EXCLUSION_KINDS

// ---------------------------------------------------------------------------------------------
// School years, terms and school age

/** The school year a day falls in, by the year it starts: 1 September 2025 to 31 August 2026 is 2025. */
export function schoolYearOf(date: string): number {
  const year = Number(date.slice(0, 4))
  return date.slice(5, 7) >= '09' ? year : year - 1
}

/** "2025/26". */
export const schoolYearText = (start: number) => `${start}/${String((start + 1) % 100).padStart(2, '0')}`

/** The term a day falls in, read from its month (Haven has no term dates): Sep–Dec, Jan–Mar, Apr–Aug. */
export function termOf(date: string): Term {
  const month = Number(date.slice(5, 7))
  return month >= 9 ? 'autumn' : month <= 3 ? 'spring' : 'summer'
}

/** "Autumn term 2025/26". */
export const termText = (term: Term, year: number) => `${TERMS[term]} term ${schoolYearText(year)}`

/**
 * The national curriculum year a child is in on a day, from their age on the 31 August before the
 * school year: 4 is Reception (0), 5 is Year 1, 15 is Year 11. Null under 4 or over 18.
 */
export function yearGroup(dateOfBirth: string, date: string): number | null {
  const age = ageOn(dateOfBirth, `${schoolYearOf(date)}-08-31`)
  return age < 4 || age > 18 ? null : age - 4
}

/**
 * Of compulsory school age on a day: Year 1 to Year 11, that is aged 5 to 15 on the 31 August
 * before the school year. The law's "term after the fifth birthday" and "last Friday in June of
 * Year 11" are approximated by whole school years: a Reception child is not counted, a Year 11
 * child is to the end of August.
 */
export function compulsorySchoolAge(dateOfBirth: string | null, date: string): boolean {
  if (dateOfBirth === null) return false
  const group = yearGroup(dateOfBirth, date)
  return group !== null && group >= 1 && group <= 11
}

/** "Reception", "Year 7", or null. */
export function yearGroupText(group: number | null): string | null {
  if (group === null) return null
  return group === 0 ? 'Reception' : `Year ${group}`
}

/** Attendance from sessions: the percentage to one decimal place. */
export const sessionsPercent = (possible: number, attended: number) =>
  Math.round((1000 * attended) / possible) / 10

// ---------------------------------------------------------------------------------------------
// The refusals of the record (the forms' own checks are in their schemas)

/** A day that must fall in the period of care (and not in the future: the schemas check that). */
export function inCareRefusal(
  date: string,
  periodStart: string,
  field: string,
  name: string,
): Refusal | null {
  if (date < periodStart)
    return {
      field,
      message: `${name} must be on or after ${longDate(periodStart)}, when the child started to be looked after`,
    }
  return null
}

/**
 * A new school: it starts after the current school did (which ends the day before), and only the
 * first school recorded in a period may start before care did (the school the child was at).
 */
export function schoolRefusal(s: {
  startDate: string
  periodStart: string
  current: { name: string; startDate: string } | null
  schoolsInPeriod: number
}): Refusal | null {
  const field = 'start-day'
  if (s.current !== null && s.startDate <= s.current.startDate)
    return {
      field,
      message: `${s.current.name} is the current school, from ${longDate(s.current.startDate)}: a new school must start after that date`,
    }
  if (s.schoolsInPeriod > 0)
    return inCareRefusal(s.startDate, s.periodStart, field, 'The date the school started')
  return null
}

/** A PEP: in the period of care, after the last PEP. */
export function pepRefusal(s: {
  heldOn: string
  periodStart: string
  lastPep: string | null
}): Refusal | null {
  const field = 'held-day'
  if (s.lastPep !== null && s.heldOn <= s.lastPep)
    return { field, message: `The date of the PEP must be after the last PEP, on ${longDate(s.lastPep)}` }
  return inCareRefusal(s.heldOn, s.periodStart, field, 'The date of the PEP')
}

/** Time missing education: starts in the period, not while another is open; ends on or after it started. */
export function missingRefusal(
  s:
    | { kind: 'start'; fromDate: string; periodStart: string; open: { fromDate: string } | null }
    | { kind: 'end'; toDate: string; open: { fromDate: string } | null },
): Refusal | null {
  if (s.kind === 'start') {
    if (s.open !== null)
      return {
        field: 'form',
        message: `The child is already recorded as missing education from ${longDate(s.open.fromDate)}`,
      }
    return inCareRefusal(s.fromDate, s.periodStart, 'from-day', 'The date missing education started')
  }
  if (s.open === null) return { field: 'form', message: 'The child is not recorded as missing education' }
  if (s.toDate < s.open.fromDate)
    return {
      field: 'to-day',
      message: `The date must be on or after ${longDate(s.open.fromDate)}, when missing education started`,
    }
  return null
}

// ---------------------------------------------------------------------------------------------
// The records in words, for the chronology

export interface SchoolFacts {
  schoolName: string
  urn: string | null
  schoolLa: string
  inBorough: boolean
  ofstedGrade: OfstedGrade
}

export function schoolSummary(s: SchoolFacts): string {
  const urn = s.urn ? `URN ${s.urn}, ` : ''
  const where = s.inBorough ? 'in borough' : 'out of borough'
  return `Started at ${s.schoolName} (${urn}${s.schoolLa}, ${where}): Ofsted ${OFSTED_GRADES[s.ofstedGrade].toLowerCase()}`
}

export function pepSummary(p: { quality: PepQuality; attendedBy: string }): string {
  return `Personal education plan: quality ${PEP_QUALITIES[p.quality].toLowerCase()}; attended by ${p.attendedBy}`
}

export function missingSummary(m: { reason: string; provision: Provision }): string {
  return `Missing education: ${m.reason} (${PROVISIONS[m.provision].toLowerCase()})`
}

export function attendanceSummary(a: { term: Term; year: number; percent: number; asAt: string }): string {
  return `Attendance, ${termText(a.term, a.year).toLowerCase()}: ${a.percent}% as at ${longDate(a.asAt)}`
}

export function exclusionSummary(x: { kind: ExclusionKind; days: number | null }): string {
  return x.kind === 'permanent'
    ? 'Permanently excluded from school'
    : `Suspended from school for ${x.days ?? 0} ${x.days === 1 ? 'day' : 'days'}`
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

const required = (missing: string, label: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`)

const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]

/** A whole number typed in a box: undefined when empty, NaN when not a whole number. */
function wholeNumber(raw: string | null): number | undefined {
  if (raw === null) return undefined
  return /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN
}

export function schoolSchema(today: string) {
  return z
    .object({
      ...dayBoxes('start'),
      schoolName: required('Enter the school’s name', 'The school’s name', 200),
      urn: text('The URN', 7),
      schoolLa: required('Enter the school’s local authority', 'The local authority', 100),
      inBorough: z.enum(['yes', 'no'], { error: 'Select whether the school is in this authority’s area' }),
      ofstedGrade: z.enum(keysOf(OFSTED_GRADES), { error: 'Select the school’s Ofsted grade' }),
    })
    .transform((v, ctx) => {
      const startDate = readDay(
        v,
        'start',
        ctx,
        { missing: 'Enter the date the child started at the school', name: 'The date the school started' },
        today,
      )
      const urnOk = v.urn === null || /^\d{6,7}$/.test(v.urn)
      if (!urnOk)
        ctx.addIssue({ code: 'custom', path: ['urn'], message: 'The URN must be 6 or 7 digits, like 114872' })
      if (startDate === null || !urnOk) return z.NEVER
      return {
        startDate,
        schoolName: v.schoolName,
        urn: v.urn,
        schoolLa: v.schoolLa,
        inBorough: v.inBorough === 'yes',
        ofstedGrade: v.ofstedGrade as OfstedGrade,
      }
    })
}
export type SchoolInput = z.output<ReturnType<typeof schoolSchema>>

export function missingStartSchema(today: string) {
  return z
    .object({
      ...dayBoxes('from'),
      reason: required('Enter why the child is missing education', 'The reason', 500),
      provision: z.enum(keysOf(PROVISIONS), { error: 'Select what the child receives meanwhile' }),
    })
    .transform((v, ctx) => {
      const fromDate = readDay(
        v,
        'from',
        ctx,
        { missing: 'Enter the date missing education started', name: 'The date missing education started' },
        today,
      )
      return fromDate === null
        ? z.NEVER
        : { kind: 'start' as const, fromDate, reason: v.reason, provision: v.provision as Provision }
    })
}

export function missingEndSchema(today: string) {
  return z.object(dayBoxes('to')).transform((v, ctx) => {
    const toDate = readDay(
      v,
      'to',
      ctx,
      { missing: 'Enter the date missing education ended', name: 'The date missing education ended' },
      today,
    )
    return toDate === null ? z.NEVER : { kind: 'end' as const, toDate }
  })
}
export type MissingInput =
  z.output<ReturnType<typeof missingStartSchema>> | z.output<ReturnType<typeof missingEndSchema>>

export function pepSchema(today: string) {
  const yes = z
    .string()
    .optional()
    .transform((v) => v === 'yes')
  return z
    .object({
      ...dayBoxes('held'),
      quality: z.enum(keysOf(PEP_QUALITIES), { error: 'Select the PEP’s quality' }),
      attendedBy: required('Enter who attended the PEP meeting', 'Who attended', 500),
      measurableTargets: yes,
      childVoice: yes,
      carerViews: yes,
    })
    .transform((v, ctx) => {
      const heldOn = readDay(
        v,
        'held',
        ctx,
        { missing: 'Enter the date of the PEP', name: 'The date of the PEP' },
        today,
      )
      if (heldOn === null) return z.NEVER
      return {
        heldOn,
        quality: v.quality as PepQuality,
        attendedBy: v.attendedBy,
        measurableTargets: v.measurableTargets,
        childVoice: v.childVoice,
        carerViews: v.carerViews,
      }
    })
}
export type PepInput = z.output<ReturnType<typeof pepSchema>>

export function attendanceSchema(today: string) {
  return z
    .object({
      ...dayBoxes('asat'),
      measure: z.enum(['percent', 'sessions'], { error: 'Select how attendance is given' }),
      percent: text('The percentage', 10),
      possible: text('The sessions possible', 10),
      attended: text('The sessions attended', 10),
    })
    .transform((v, ctx) => {
      const asAt = readDay(
        v,
        'asat',
        ctx,
        { missing: 'Enter the date the attendance is as at', name: 'The date the attendance is as at' },
        today,
      )
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      let percent: number | null = null
      let sessions: { possible: number; attended: number } | null = null
      if (v.measure === 'percent') {
        const n = v.percent === null ? Number.NaN : Number(v.percent.replace(/%$/, ''))
        if (v.percent === null) issue('percent', 'Enter the attendance percentage')
        else if (!/^\d{1,3}(\.\d)?%?$/.test(v.percent) || Number.isNaN(n))
          issue('percent', 'The percentage must be a number like 92.5')
        else if (n > 100) issue('percent', 'The percentage must be 100 or less')
        else percent = n
      } else {
        const possible = wholeNumber(v.possible)
        const attended = wholeNumber(v.attended)
        if (possible === undefined) issue('possible', 'Enter the sessions possible')
        else if (Number.isNaN(possible) || possible < 1)
          issue('possible', 'The sessions possible must be a whole number, 1 or more')
        if (attended === undefined) issue('attended', 'Enter the sessions attended')
        else if (Number.isNaN(attended)) issue('attended', 'The sessions attended must be a whole number')
        else if (possible !== undefined && !Number.isNaN(possible) && attended > possible)
          issue('attended', 'The sessions attended must be no more than the sessions possible')
        else if (possible !== undefined && !Number.isNaN(possible) && possible >= 1) {
          sessions = { possible, attended }
          percent = sessionsPercent(possible, attended)
        }
      }
      if (asAt === null || percent === null) return z.NEVER
      return { asAt, term: termOf(asAt), year: schoolYearOf(asAt), percent, sessions }
    })
}
export type AttendanceInput = z.output<ReturnType<typeof attendanceSchema>>

export function exclusionSchema(today: string) {
  return z
    .object({
      ...dayBoxes('start'),
      kind: z.enum(keysOf(EXCLUSION_KINDS), { error: 'Select the kind of exclusion' }),
      days: text('The number of days', 10),
      reason: text('The reason', 500),
    })
    .transform((v, ctx) => {
      const startDate = readDay(
        v,
        'start',
        ctx,
        { missing: 'Enter the date the exclusion started', name: 'The date the exclusion started' },
        today,
      )
      let days: number | null = null
      if (v.kind === 'suspension') {
        const n = v.days === null ? Number.NaN : Number(v.days)
        if (v.days === null)
          ctx.addIssue({ code: 'custom', path: ['days'], message: 'Enter the number of days' })
        else if (!/^\d{1,2}(\.5)?$/.test(v.days) || n <= 0 || n > 45)
          ctx.addIssue({
            code: 'custom',
            path: ['days'],
            message: 'The number of days must be from 0.5 to 45, in half days',
          })
        else days = n
        if (days === null) return z.NEVER
      }
      if (startDate === null) return z.NEVER
      return { startDate, kind: v.kind as ExclusionKind, days, reason: v.reason }
    })
}
export type ExclusionInput = z.output<ReturnType<typeof exclusionSchema>>

/** The next PEP due: the soonest open task of the PEP clocks, or null. */
export function nextPepDue<T extends { clock_code: string; due_at: Date }>(tasks: readonly T[]): T | null {
  const peps = tasks.filter((t) => (PEP_CLOCKS as readonly string[]).includes(t.clock_code))
  return peps.reduce<T | null>(
    (soonest, t) => (soonest === null || t.due_at < soonest.due_at ? t : soonest),
    null,
  )
}

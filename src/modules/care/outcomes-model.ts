/**
 * The outcomes of a child looked after that the SSDA903's OC2 asks and the health records do not
 * hold, each a dated record: an offence dealt with (a conviction, or a youth caution or youth
 * conditional caution — final warnings and reprimands before April 2013), a substance misuse
 * problem identified with whether an intervention was received, offered and not taken up, or
 * neither, and the reason no Strengths and Difficulties Questionnaire was completed. Pure.
 *
 * The 903's own rules shape them: no conviction information under 10 (rule 542), so an offence
 * is dated on or after the 10th birthday; an intervention received is not also "offered" (rule
 * 158), so the three answers are one choice; an SDQ reason is for a child aged 4 to 16 (rules
 * 188, 189), and SDQ1 (too young or too old) is never typed: the export works it out from the
 * child's age. The rest of OC2 (health assessment, dental check, immunisations, SDQ score) is
 * read from the health records as at 31 March (`care_oc2_v`).
 */
import { z } from 'zod'
import { addYears, ageOn, londonToday, longDate, type IsoDate } from '../../platform/calendar/dates.js'
import { dayBoxes, readDay, type Code, type Refusal } from './model.js'

export type OutcomeKind = 'offence' | 'substance_misuse' | 'sdq_reason'

export const OFFENCES: readonly Code[] = [
  { code: 'conviction', label: 'Convicted of an offence' },
  { code: 'youth_conditional_caution', label: 'Youth conditional caution' },
  { code: 'youth_caution', label: 'Youth caution' },
  { code: 'final_warning', label: 'Final warning (before April 2013)' },
  { code: 'reprimand', label: 'Reprimand (before April 2013)' },
]

export const INTERVENTIONS: readonly Code[] = [
  { code: 'received', label: 'An intervention was received' },
  { code: 'offered', label: 'An intervention was offered but not taken up' },
  { code: 'none', label: 'No intervention was offered' },
]

/** SDQ_REASON's codes a worker records; SDQ1 (under 4 or over 16) is worked out from the age. */
export const SDQ_REASONS: readonly Code[] = [
  { code: 'SDQ2', label: 'The carer refused to complete it' },
  { code: 'SDQ3', label: 'Not possible because of the severity of the child’s disability' },
  { code: 'SDQ4', label: 'Another reason' },
  { code: 'SDQ5', label: 'The young person refused to complete it' },
]

export const OUTCOMES: Readonly<
  Record<
    OutcomeKind,
    { path: string; title: string; codes: readonly Code[]; question: string; missing: string; date: string }
  >
> = {
  offence: {
    path: 'offence',
    title: 'Record a conviction or caution',
    codes: OFFENCES,
    question: 'What was the outcome?',
    missing: 'Select the outcome',
    date: 'Date of the conviction or caution',
  },
  substance_misuse: {
    path: 'substance-misuse',
    title: 'Record a substance misuse problem',
    codes: INTERVENTIONS,
    question: 'Was an intervention received or offered?',
    missing: 'Select whether an intervention was received or offered',
    date: 'Date the problem was identified',
  },
  sdq_reason: {
    path: 'sdq-reason',
    title: 'Record why no SDQ was completed',
    codes: SDQ_REASONS,
    question: 'Why was the Strengths and Difficulties Questionnaire not completed?',
    missing: 'Select why the questionnaire was not completed',
    date: 'Date it was due or refused',
  },
}

export const OUTCOME_AUDIT = 'care.outcome_record'
export const OUTCOME_EVENT = 'care_outcome.recorded'

export interface OutcomeInput {
  kind: OutcomeKind
  date: IsoDate
  code: string
}

/** Why the record cannot be made, or null: dated in the open period, at an age it applies to. */
export function outcomeRefusal(
  input: OutcomeInput,
  s: { periodStart: IsoDate; dateOfBirth: IsoDate | null },
): Refusal | null {
  if (input.date < s.periodStart)
    return {
      field: 'date-day',
      message: `The date must be on or after ${longDate(s.periodStart)}, when the child started to be looked after`,
    }
  if (s.dateOfBirth === null)
    return input.kind === 'substance_misuse'
      ? null
      : { field: 'form', message: 'Record the child’s date of birth first' }
  if (input.kind === 'offence' && input.date < addYears(s.dateOfBirth, 10))
    return {
      field: 'date-day',
      message: `The date must be on or after ${longDate(addYears(s.dateOfBirth, 10))}, the child’s 10th birthday: no child under 10 is convicted or cautioned`,
    }
  const age = ageOn(s.dateOfBirth, input.date)
  if (input.kind === 'sdq_reason' && (age < 4 || age > 16))
    return {
      field: 'date-day',
      message: 'The questionnaire is for children aged 4 to 16: none is asked of the child on that date',
    }
  return null
}

export function outcomeWords(o: { kind: string; code: string }): string {
  const list = OUTCOMES[o.kind as OutcomeKind]?.codes ?? []
  const text = list.find((c) => c.code === o.code)?.label ?? o.code
  switch (o.kind) {
    case 'offence':
      return text
    case 'substance_misuse':
      return `Substance misuse problem identified: ${text.charAt(0).toLowerCase()}${text.slice(1)}`
    default:
      return `No SDQ completed: ${text.charAt(0).toLowerCase()}${text.slice(1)}`
  }
}

export function outcomeSchema(kind: OutcomeKind, now: Date) {
  const today = londonToday(now)
  const o = OUTCOMES[kind]
  return z.object({ code: z.string().optional(), ...dayBoxes('date') }).transform((v, ctx) => {
    const code = o.codes.some((c) => c.code === v.code) ? (v.code as string) : null
    if (code === null) ctx.addIssue({ code: 'custom', path: ['code'], message: o.missing })
    const date = readDay(
      v,
      'date',
      ctx,
      { missing: `Enter the ${o.date.toLowerCase()}`, name: o.date },
      today,
    )
    if (code === null || date === null) return z.NEVER
    return { kind, date, code } as OutcomeInput
  })
}

/**
 * The front door's rules: what a contact must say, how a child's decision is made and checked
 * against the threshold document, when a referral is a re-referral, and where a contact about a
 * child already known goes. Pure: no I/O.
 */
import {
  addMonths,
  ageOn,
  dateFromParts,
  londonInstant,
  type IsoDate,
} from '../../platform/calendar/dates.js'
import { z } from 'zod'
import referralSourceList from '../../../reference/codes/referral-source.json' with { type: 'json' }
import thresholdDocument from '../../../reference/frontdoor/thresholds.json' with { type: 'json' }
import type { SwReason } from '../../platform/db/schema.js'
import type {
  ChildSafeNow,
  ContactDecision,
  ContactTable,
  Rag,
  ReferralSource,
  ThresholdLevel,
} from '../../platform/db/schema.js'
import type { FieldClass } from '../../platform/permissions/fields.js'
import { LONG_ANSWER_MAX, longAnswer, SHORT_ANSWER_MAX } from '../../platform/http/form.js'
import { withReveals } from '../../platform/http/revealed.js'

export interface Code<T extends string = string> {
  code: T
  label: string
}

export const REFERRAL_SOURCES = referralSourceList.codes as readonly Code<ReferralSource>[]

/**
 * Whom a decision's feedback goes to, as the `referrer` attribute of `contact.decided`: `none`
 * for an anonymous or unknown source, who cannot be told, so no feedback clock starts.
 */
export function referrerToTell(source: string): 'known' | 'none' {
  return source === '9' || source === '10' ? 'none' : 'known'
}

export const CHANNELS: readonly Code<ContactTable['channel']>[] = [
  { code: 'phone', label: 'Phone call' },
  { code: 'email', label: 'Email' },
  { code: 'partner_form', label: "Partner agency's online form" },
  { code: 'police_notification', label: 'Police notification' },
  { code: 'letter', label: 'Letter' },
  { code: 'in_person', label: 'In person' },
]

/** Every channel a contact may have come by: the form's, and early help's step-up (never typed in). */
export const CONTACT_CHANNELS: readonly Code<ContactTable['channel']>[] = [
  ...CHANNELS,
  { code: 'step_up', label: 'Step-up from early help' },
]

export const CONSENT: readonly (Code<ContactTable['consent']> & { hint: string; needsReason: boolean })[] = [
  { code: 'given', label: 'Given', hint: 'The family agreed to the contact being made.', needsReason: false },
  { code: 'refused', label: 'Refused', hint: 'The family was asked and said no.', needsReason: false },
  {
    code: 'not_sought_risk',
    label: 'Not sought',
    hint: 'Asking would put the child at risk of harm.',
    needsReason: true,
  },
  {
    code: 'overridden',
    label: 'Overridden',
    hint: 'The family refused, and the contact is made without consent to protect the child.',
    needsReason: true,
  },
]

/**
 * Presenting needs, as the DfE's assessment factor codes, so what the referrer said can be carried
 * into the assessment and the CIN census without re-keying.
 */
export const PRESENTING_NEEDS: readonly Code[] = [
  { code: '3B', label: 'Domestic abuse: parent or carer' },
  { code: '3A', label: 'Domestic abuse: the child' },
  { code: '16A', label: 'Neglect' },
  { code: '18C', label: 'Physical abuse by an adult' },
  { code: '19C', label: 'Sexual abuse by an adult' },
  { code: '17A', label: 'Emotional abuse' },
  { code: '4B', label: "Parent's or carer's mental health" },
  { code: '2B', label: "Parent's or carer's drug misuse" },
  { code: '1B', label: "Parent's or carer's alcohol misuse" },
  { code: '10A', label: 'Going missing' },
  { code: '11A', label: 'Child sexual exploitation' },
  { code: '24A', label: 'Child criminal exploitation' },
  { code: '15A', label: 'Self-harm' },
  { code: '22A', label: 'Female genital mutilation' },
  { code: '6A', label: "The child's disability or illness" },
  { code: '7A', label: 'Young carer' },
  { code: '20', label: 'Other' },
]

export interface DecisionOption extends Code<ContactDecision> {
  /** The decision opens a referral to children's social care the same day. */
  createsReferral: boolean
  /** The decision must say why (an NFA's reason, the authority a child moves to). */
  needsReason: boolean
}

export const DECISIONS: readonly DecisionOption[] = [
  { code: 'no_further_action', label: 'No further action', createsReferral: false, needsReason: true },
  {
    code: 'information_and_advice',
    label: 'Information and advice',
    createsReferral: false,
    needsReason: false,
  },
  { code: 'signpost', label: 'Signpost to universal services', createsReferral: false, needsReason: false },
  { code: 'early_help', label: 'Early help', createsReferral: false, needsReason: false },
  {
    code: 'referral',
    label: "Referral to children's social care",
    createsReferral: true,
    needsReason: false,
  },
  {
    code: 'strategy_discussion',
    label: 'Strategy discussion (and referral)',
    createsReferral: true,
    needsReason: false,
  },
  {
    code: 'transfer',
    label: "Transfer to the child's home authority",
    createsReferral: false,
    needsReason: false,
  },
]

export const RAG: readonly (Code<Rag> & { hint: string })[] = [
  { code: 'red', label: 'Red', hint: 'Decide the same working day.' },
  { code: 'amber', label: 'Amber', hint: 'Decide within 24 hours.' },
  { code: 'green', label: 'Green', hint: 'Decide within 72 hours.' },
]

export interface ThresholdLevelDefinition {
  level: ThresholdLevel
  name: string
  description: string
  routes: ContactDecision[]
}

export const THRESHOLDS = thresholdDocument.levels as readonly ThresholdLevelDefinition[]

export const AGENCY_CHECK_KINDS: readonly Code<
  'police' | 'health' | 'education' | 'probation' | 'housing' | 'adult_social_care' | 'early_help' | 'other'
>[] = [
  { code: 'police', label: 'Police' },
  { code: 'health', label: 'Health' },
  { code: 'education', label: 'Education' },
  { code: 'probation', label: 'Probation' },
  { code: 'housing', label: 'Housing' },
  { code: 'adult_social_care', label: "Adults' social care" },
  { code: 'early_help', label: 'Early help' },
  { code: 'other', label: 'Other' },
]

export type AgencyCheckKind = (typeof AGENCY_CHECK_KINDS)[number]['code']

/**
 * Which protected class (SEC-04) what each kind of agency says at triage belongs to: what the
 * police said is police intelligence, what health said is health detail. Others are not protected
 * beyond the record itself. Probation's information about an offender is not classified yet: a
 * decision for the authority's information-sharing agreement.
 */
export const AGENCY_CHECK_FIELD_CLASS: Record<AgencyCheckKind, FieldClass | null> = {
  police: 'police_intelligence',
  health: 'health_detail',
  education: null,
  probation: null,
  housing: null,
  adult_social_care: null,
  early_help: null,
  other: null,
}

/**
 * The chronology's line for an agency check. Everyone who opens the record reads the chronology,
 * so for a protected kind it says which agency, not who there (a clinic's name is health detail).
 */
export function agencyCheckSummary(kind: AgencyCheckKind, informant: string): string {
  const agency = kind.replace(/_/g, ' ')
  return AGENCY_CHECK_FIELD_CLASS[kind] === null
    ? `Information from ${agency} (${informant}) at triage`
    : `Information from ${agency} at triage`
}

export const FEEDBACK_METHODS: readonly Code<'phone' | 'email' | 'letter' | 'partner_portal'>[] = [
  { code: 'phone', label: 'Phone' },
  { code: 'email', label: 'Email' },
  { code: 'letter', label: 'Letter' },
  { code: 'partner_portal', label: "Shown on the partner's contacts page" },
]

/** The contact's reference, as a referrer quotes it when they call the front door. */
export function contactReference(contactId: number): string {
  return `C-${String(contactId).padStart(6, '0')}`
}

export function labelOf(list: readonly Code[], code: string | null | undefined): string | null {
  if (code === null || code === undefined || code === '') return null
  return list.find((c) => c.code === code)?.label ?? code
}

export function decisionOption(code: ContactDecision): DecisionOption {
  const option = DECISIONS.find((d) => d.code === code)
  if (option === undefined) throw new Error(`Unknown contact decision ${code}`)
  return option
}

export function thresholdLevel(level: ThresholdLevel): ThresholdLevelDefinition {
  const found = THRESHOLDS.find((t) => t.level === level)
  if (found === undefined) throw new Error(`Unknown threshold level ${level}`)
  return found
}

// ---------------------------------------------------------------------------------------------
// Rules

/**
 * A decision outside the routes of the level of need set at triage is allowed (thresholds guide,
 * they do not decide) but needs its reason written down, so a manager can see why.
 */
export function decisionDepartsFromThreshold(
  level: ThresholdLevel | null,
  decision: ContactDecision,
): boolean {
  if (level === null) return false
  return !thresholdLevel(level).routes.includes(decision)
}

export interface EarlierReferral {
  id: number
  referralDate: IsoDate
}

/**
 * The DfE's re-referral: another referral of the same child within the 12 months before this
 * one (on or after the same date a year earlier, up to and including this referral's date). Returns
 * the most recent such referral, or null.
 */
export function previousReferralWithin12Months(
  referralDate: IsoDate,
  earlier: readonly EarlierReferral[],
): EarlierReferral | null {
  const from = addMonths(referralDate, -12)
  let latest: EarlierReferral | null = null
  for (const r of earlier) {
    if (r.referralDate < from || r.referralDate > referralDate) continue
    if (
      latest === null ||
      r.referralDate > latest.referralDate ||
      (r.referralDate === latest.referralDate && r.id > latest.id)
    )
      latest = r
  }
  return latest
}

export interface OpenCase {
  workerId: number | null
  teamId: number | null
}

export type ContactRoute =
  { to: 'mash' } | { to: 'allocated_worker'; workerId: number | null; teamId: number | null }

/**
 * A contact about a child whose case is open goes to the allocated worker and team, not into a
 * new referral (the Serious Case Review's F9, in docs/statutory-timescales.md: a second front
 * door loses the history). A child with an open referral not yet allocated to a worker is still
 * with the team that holds it.
 */
export function routeContact(openCase: OpenCase | null): ContactRoute {
  if (openCase === null || (openCase.workerId === null && openCase.teamId === null)) return { to: 'mash' }
  return { to: 'allocated_worker', workerId: openCase.workerId, teamId: openCase.teamId }
}

// ---------------------------------------------------------------------------------------------
// Forms. Messages follow the GOV.UK error message patterns.

const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, tooLong))
    .transform((v) => (v === '' ? null : v))

const requiredText = (max: number, missing: string, tooLong: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, tooLong)

const oneOf = <T extends string>(list: readonly Code<T>[], missing: string) =>
  z
    .string({ error: missing })
    .min(1, missing)
    .refine((v): v is T => list.some((c) => c.code === v), missing)
    .transform((v) => v as T)

const manyOf = (list: readonly Code[], unknown: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''))
    .refine((v) => v.every((x) => list.some((c) => c.code === x)), unknown)

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/

/** How a form's page names its date and time of the contact, so its messages name them alike. */
export interface ReceivedWording {
  /** The date's legend, which starts its messages: "Date received". */
  date: string
  /** The message when no date is given. */
  missing: string
  /** The message when the time is missing or not a time. */
  time: string
}

/** The screener's form: "Date received" and "Time received". */
export const SCREENER_RECEIVED: ReceivedWording = {
  date: 'Date received',
  missing: 'Enter the date the contact was received',
  time: 'Enter the time the contact was received, like 14:30',
}

/** The partner's form: "Date of the contact" and "Time of the contact". */
export const PARTNER_RECEIVED: ReceivedWording = {
  date: 'Date of the contact',
  missing: 'Enter the date of the contact',
  time: 'Enter the time of the contact, like 14:30',
}

/**
 * A date and time in London, from the date input's three boxes and a time box, with messages
 * naming the date as the page does. The year takes 4 numbers, as the GOV.UK date input asks.
 */
export function receivedAtSchema(wording: ReceivedWording) {
  return z
    .object({
      'received-day': z.string().trim().default(''),
      'received-month': z.string().trim().default(''),
      'received-year': z.string().trim().default(''),
      'received-time': z.string().trim().default(''),
    })
    .transform((v, ctx) => {
      const { 'received-day': d, 'received-month': m, 'received-year': y, 'received-time': t } = v
      if (d === '' && m === '' && y === '') {
        ctx.addIssue({ code: 'custom', path: ['received-day'], message: wording.missing })
        return z.NEVER
      }
      const iso = dateFromParts(d, m, y)
      if (iso === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['received-day'],
          message: `${wording.date} must be a real date`,
        })
        return z.NEVER
      }
      const time = TIME.exec(t)
      if (time === null) {
        ctx.addIssue({ code: 'custom', path: ['received-time'], message: wording.time })
        return z.NEVER
      }
      return { date: iso, time: `${time[1]?.padStart(2, '0')}:${time[2]}` }
    })
}

/** The screener's date and time received. */
export const receivedAtFields = receivedAtSchema(SCREENER_RECEIVED)

/**
 * What a contact says. What the emergency duty team did is asked under "Received out of hours"
 * only: with the box not ticked, an answer to it is left out, not checked or saved.
 */
export function contactDetailsFor(reason: ReasonWording) {
  return withReveals(
    [{ name: 'outOfHours', value: 'yes', fields: ['outOfHoursAction'] }],
    z
      .object({
        channel: oneOf(CHANNELS, 'Select how the contact came in'),
        outOfHours: z
          .string()
          .optional()
          .transform((v) => v === 'yes'),
        outOfHoursAction: text(4000, 'What the emergency duty team did must be 4,000 characters or fewer'),
        referralSource: oneOf(REFERRAL_SOURCES, 'Select who made the contact'),
        referrerName: text(200, "Referrer's name must be 200 characters or fewer"),
        referrerRole: text(200, "Referrer's role must be 200 characters or fewer"),
        referrerAgencyId: z
          .string()
          .optional()
          .transform((v) => (v === undefined || v === '' ? null : Number(v)))
          .refine(
            (v) => v === null || (Number.isInteger(v) && v > 0),
            'Select the referrer’s agency from the list',
          ),
        referrerPhone: text(40, 'Phone number must be 40 characters or fewer'),
        referrerEmail: text(200, 'Email address must be 200 characters or fewer').refine(
          (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
          'Enter an email address in the correct format, like name@example.com',
        ),
        reason: longAnswer(reason.label, reason.missing),
        presentingNeeds: manyOf(PRESENTING_NEEDS, 'Select presenting needs from the list'),
        consent: oneOf(CONSENT, 'Select whether the family consented to the contact'),
        consentReason: text(4000, 'Reason about consent must be 4,000 characters or fewer'),
      })
      .superRefine((v, ctx) => {
        const missing = consentReasonMissing(v.consent, v.consentReason)
        if (missing) ctx.addIssue({ code: 'custom', path: ['consentReason'], message: missing })
        if (v.referralSource !== '9' && v.referrerName === null)
          ctx.addIssue({
            code: 'custom',
            path: ['referrerName'],
            message: "Enter the referrer's name, or select “Anonymous” as who made the contact",
          })
      }),
  )
}

/** The message when consent was not sought or was overridden and no reason is given, else null. */
export function consentReasonMissing(consent: string, reason: string | null): string | null {
  if (!CONSENT.find((c) => c.code === consent)?.needsReason || (reason !== null && reason !== '')) return null
  return consent === 'overridden'
    ? 'Enter why consent was overridden'
    : 'Enter why asking for consent would put the child at risk'
}

/** How a form's page names the reason for the contact: what starts its length message, and the missing one. */
export interface ReasonWording {
  label: string
  missing: string
}

/** The screener's form asks for the "Reason for the contact". */
export const SCREENER_REASON: ReasonWording = {
  label: 'Reason for the contact',
  missing: 'Enter the reason for the contact',
}

/** The partner's form asks "What has happened and why are you worried?". */
export const PARTNER_REASON: ReasonWording = {
  label: 'What has happened and why you are worried',
  missing: 'Enter what has happened and why you are worried',
}

export const contactDetailsSchema = contactDetailsFor(SCREENER_REASON)

export type ContactDetails = z.infer<typeof contactDetailsSchema>

/** The children a screener's contact is about: the records found by searching, at least one. */
export const contactChildrenSchema = z.object({
  childIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''))
    .pipe(
      z
        .array(z.string().regex(/^\d+$/, 'Select the children from the search results'))
        .min(1, 'Add at least one child the contact is about')
        .max(20, 'A contact can be about 20 children at most: record a second contact for the others'),
    )
    .transform((ids) => [...new Set(ids.map(Number))]),
})

export const triageSchema = z.object({
  thresholdLevel: oneOf(
    THRESHOLDS.map((t) => ({ code: t.level, label: t.name })),
    'Select the level of need',
  ),
  rag: oneOf(RAG, 'Select the urgency (red, amber or green)'),
  recommendation: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
    .refine(
      (v): v is ContactDecision | null => v === null || DECISIONS.some((d) => d.code === v),
      'Select a recommendation from the list',
    ),
})

export const agencyCheckSchema = z.object({
  agencyKind: oneOf(AGENCY_CHECK_KINDS, 'Select which agency gave the information'),
  /** When today they gave it, as HH:MM in London; blank when it is being recorded as it comes in. */
  respondedTime: z
    .string()
    .trim()
    .default('')
    .refine((t) => t === '' || TIME.test(t), 'Enter the time they gave the information, like 14:30')
    .transform((t) => {
      const m = TIME.exec(t)
      return m ? `${m[1]?.padStart(2, '0')}:${m[2]}` : null
    }),
  informant: requiredText(
    200,
    'Enter who gave the information',
    'Who gave it must be 200 characters or fewer',
  ),
  information: requiredText(
    10_000,
    'Enter what the agency said',
    'What the agency said must be 10,000 characters or fewer',
  ),
})

export const feedbackSchema = z.object({
  feedbackMethod: oneOf(FEEDBACK_METHODS, 'Select how the referrer was told'),
  feedbackNote: text(4000, 'Note must be 4,000 characters or fewer'),
})

/**
 * Why a child who has a social worker is given another: the DfE's SW_REASON codes (SSDA903
 * SWEpisodes), in the words of the DfE's published figures where they give them. FCONTA is the
 * end of the worker's fixed-term or agency contract (shared/standards/returns-and-kpis.md §b.5).
 * A first allocation is not asked: the episode view writes FCONTA for it too, as no code in the
 * list names a first worker.
 */
export const SW_CHANGE_REASONS: readonly Code<SwReason>[] = [
  { code: 'MANAGE', label: 'Managing caseloads (a management decision)' },
  { code: 'TSPROC', label: 'Transfer as a standard process, for example from the assessment team' },
  { code: 'LEFTRL', label: 'The social worker left their role' },
  { code: 'ABSENC', label: 'Absence cover or return from absence' },
  { code: 'ORGRST', label: 'Organisational restructure' },
  { code: 'CHCHAN', label: 'The child asked for a change of social worker' },
  { code: 'PCCHAN', label: 'A parent or carer asked for a change of social worker' },
  { code: 'FCONTA', label: 'The social worker’s fixed-term or agency contract ended' },
  { code: 'SWDIED', label: 'The social worker died' },
  { code: 'OTHERS', label: 'Another reason' },
]

export const SW_CHANGE_REASON_MISSING = 'Select why the child is being given another social worker'

/**
 * Whether allocating `workerId` changes the child's social worker, so the reason must be given:
 * the child has an allocated worker now and it is someone else. Pure.
 */
export function changesWorker(currentWorkers: readonly number[], workerId: number): boolean {
  return currentWorkers.length > 0 && !currentWorkers.includes(workerId)
}

export const allocationSchema = z.object({
  workerId: z
    .string({ error: 'Select a social worker' })
    .regex(/^\d+$/, 'Select a social worker')
    .transform(Number),
  // Asked only when the child has a worker already; the service says when it is missing.
  swReason: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v === '' || SW_CHANGE_REASONS.some((c) => c.code === v), SW_CHANGE_REASON_MISSING)
    .transform((v) => (v === '' ? null : (v as SwReason))),
})

export const withdrawSchema = z.object({
  reason: requiredText(
    2000,
    'Enter why the contact is withdrawn',
    'Reason must be 2,000 characters or fewer',
  ),
})

// ---------------------------------------------------------------------------------------------
// When the person making the contact became aware of the worry

const AWARE_TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/

/**
 * When the person making the contact became aware, from a date input (`aware-day`, `-month`,
 * `-year`) and a time box (`aware-time`): optional, but when given a real date and time in London,
 * in the past and no later than the contact itself. A date with no time is taken as midnight.
 * `who` words the errors for whoever fills in the form: the partner ("you") or a screener.
 */
export function parseAwareAt(
  values: Readonly<Record<string, unknown>>,
  receivedAt: Date | null,
  who: 'you' | 'the referrer',
  now: Date,
): { at: Date | null; problem: { field: string; text: string } | null } {
  const [d, m, y, t] = (['aware-day', 'aware-month', 'aware-year', 'aware-time'] as const).map((f) =>
    typeof values[f] === 'string' ? (values[f] as string).trim() : '',
  ) as [string, string, string, string]
  if (d === '' && m === '' && y === '' && t === '') return { at: null, problem: null }
  const fail = (field: string, text: string) => ({ at: null, problem: { field, text } })
  const iso = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null
  if (date === null || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso)
    return fail('aware-day', `Date ${who} became aware must be a real date`)
  const time = AWARE_TIME.exec(t === '' ? '00:00' : t)
  if (time === null) return fail('aware-time', `Enter the time ${who} became aware, like 23:30`)
  const at = londonInstant(iso, `${(time[1] ?? '').padStart(2, '0')}:${time[2]}`)
  if (at.getTime() > now.getTime()) return fail('aware-day', `Date ${who} became aware must be in the past`)
  if (receivedAt !== null && at.getTime() > receivedAt.getTime())
    return fail('aware-day', `Date ${who} became aware must be on or before the date of the contact`)
  return { at, problem: null }
}

// ---------------------------------------------------------------------------------------------
// A child's date of birth or age, as a partner writes it

/** The oldest age a contact about a child can give: the front door takes contacts about children. */
export const OLDEST_CHILD_AGE = 17

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

/** A month as a number (1 to 12) or a name, in full or its first three letters; null when neither. */
function monthNumber(text: string): string | null {
  if (/^\d{1,2}$/.test(text)) return text
  const name = text.toLowerCase()
  const i = MONTHS.findIndex((m) => m === name || (name.length >= 3 && m.startsWith(name)))
  return i === -1 ? null : String(i + 1)
}

const AGE =
  /^(?:(?:about|around|roughly|approximately|approx\.?|aged?|c\.)\s*)?(\d{1,3})\s*(?:(years?|yrs?|y|months?|mths?|m)(?:\s+old)?)?$/i
const DATE_PARTS = /^(\d{1,2})[\s/.-]{1,3}([a-z]{3,9}|\d{1,2})[\s/.-]{1,3}(\d{4})$/i

export type BirthOrAge =
  | { ok: true; text: string }
  | { ok: false; problem: 'unreadable' | 'not-a-date' | 'future' | 'adult-birth' | 'adult-age' }

/**
 * What a partner writes for a child's date of birth or age: a real date, day month year ("14 3
 * 2019", "14/03/2019", "14 March 2019"), not after today and for a child (under 18 today); or an
 * age in years from 0 to 17, perhaps rough ("6", "about 6", "6 years old"), or in months for a baby
 * under 2 ("8 months"). Kept as written, its spaces tidied; anything else is a problem to show.
 */
export function readBirthOrAge(written: string, today: IsoDate): BirthOrAge {
  const text = written.trim().replace(/\s+/g, ' ')
  const age = AGE.exec(text)
  if (age) {
    const n = Number(age[1])
    const months = /^m/i.test(age[2] ?? '')
    const years = months ? Math.floor(n / 12) : n
    return (months ? n < 24 : n <= OLDEST_CHILD_AGE) && years <= OLDEST_CHILD_AGE
      ? { ok: true, text }
      : { ok: false, problem: 'adult-age' }
  }
  const parts = DATE_PARTS.exec(text)
  if (!parts) return { ok: false, problem: 'unreadable' }
  const month = monthNumber(parts[2] ?? '')
  const iso = month === null ? null : dateFromParts(parts[1] ?? '', month, parts[3] ?? '')
  if (iso === null) return { ok: false, problem: 'not-a-date' }
  if (iso > today) return { ok: false, problem: 'future' }
  if (ageOn(iso, today) > OLDEST_CHILD_AGE) return { ok: false, problem: 'adult-birth' }
  return { ok: true, text }
}

/** The GOV.UK-style message for a problem with child `n`'s date of birth or age. */
export function birthOrAgeMessage(n: number, problem: Extract<BirthOrAge, { ok: false }>['problem']): string {
  switch (problem) {
    case 'unreadable':
      return `Enter child ${n}’s date of birth, like 14 3 2019, or their age in years, like 6`
    case 'not-a-date':
      return `Child ${n}’s date of birth must be a real date, like 14 3 2019`
    case 'future':
      return `Child ${n}’s date of birth must be today or in the past`
    case 'adult-birth':
      return `Child ${n}’s date of birth must be less than 18 years ago`
    case 'adult-age':
      return `Child ${n}’s age must be ${OLDEST_CHILD_AGE} or under`
  }
}

// ---------------------------------------------------------------------------------------------
// What else a contact says: whether the child is safe now, their school and GP, an interpreter,
// the child's own words, and the adults involved (issue 12, "The contact itself"). The screener's
// and the partner's forms ask them alike, under the same names.

export const CHILD_SAFE_NOW: readonly (Code<ChildSafeNow> & { detail: string | null })[] = [
  { code: 'yes', label: 'Yes', detail: 'What makes the child safe now' },
  { code: 'no', label: 'No', detail: 'What puts the child at risk now, and what has been done' },
  { code: 'not_known', label: 'Not known', detail: null },
]

/** The question is answered on every contact, "Not known" included. */
const SAFE_NOW_MISSING = 'Select whether the child is safe now'

/** The most adults one contact names; more go on a second contact. */
export const MAX_ADULTS = 10

/** The adults' rows' fields, as the forms post them. */
export const adultField = (n: number, part: 'Name' | 'Relationship' | 'Perpetrator' | 'PersonId') =>
  `adult${n}${part}`

/** The single fields of this part of the form, carried through each step and check answers. */
export const ABOUT_FIELDS = [
  'childSafeNow',
  'childSafeYes',
  'childSafeNo',
  'schoolAgencyId',
  'schoolName',
  'gpAgencyId',
  'gpName',
  'interpreter',
  'interpreterLanguage',
  'childWords',
] as const

const agencyChoice = (which: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : Number(v)))
    .refine((v) => v === null || (Number.isInteger(v) && v > 0), `Select the ${which} from the list`)

/**
 * Whether the child is safe now (required; "Not known" is an answer), with what makes it so or what
 * puts them at risk; the child's school and GP (from the agency list, or typed when not on it), an
 * interpreter's language, and the child's own words. Each follow-up is asked under its answer, so without JavaScript an
 * answer under a choice not made is left out (withReveals).
 */
export const contactAboutSchema = withReveals(
  [
    { name: 'childSafeNow', value: 'yes', fields: ['childSafeYes'] },
    { name: 'childSafeNow', value: 'no', fields: ['childSafeNo'] },
    { name: 'interpreter', value: 'yes', fields: ['interpreterLanguage'] },
  ],
  z
    .object({
      // Required (below, so its error shows with the others): "Not known" is an answer.
      childSafeNow: z
        .string()
        .optional()
        .transform((v) => (v === undefined || v === '' ? null : v))
        .refine(
          (v): v is ChildSafeNow | null => v === null || CHILD_SAFE_NOW.some((c) => c.code === v),
          SAFE_NOW_MISSING,
        ),
      childSafeYes: text(4000, 'What makes the child safe now must be 4,000 characters or fewer'),
      childSafeNo: text(4000, 'What puts the child at risk now must be 4,000 characters or fewer'),
      schoolAgencyId: agencyChoice('school'),
      schoolName: text(200, "School's name must be 200 characters or fewer"),
      gpAgencyId: agencyChoice('GP practice'),
      gpName: text(200, "GP practice's name must be 200 characters or fewer"),
      interpreter: z
        .string()
        .optional()
        .transform((v) => v === 'yes'),
      interpreterLanguage: text(100, 'Language must be 100 characters or fewer'),
      childWords: text(LONG_ANSWER_MAX, `The child’s own words must be 10,000 characters or fewer`),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      if (v.childSafeNow === null) issue('childSafeNow', SAFE_NOW_MISSING)
      if (v.childSafeNow === 'yes' && v.childSafeYes === null)
        issue('childSafeYes', 'Enter what makes the child safe now')
      if (v.childSafeNow === 'no' && v.childSafeNo === null)
        issue('childSafeNo', 'Enter what puts the child at risk now, and what has been done')
      if (v.schoolAgencyId !== null && v.schoolName !== null)
        issue('schoolName', 'Select the school from the list or type its name, not both')
      if (v.gpAgencyId !== null && v.gpName !== null)
        issue('gpName', 'Select the GP practice from the list or type its name, not both')
      if (v.interpreter && v.interpreterLanguage === null)
        issue('interpreterLanguage', 'Enter the language the interpreter is needed for')
    })
    .transform((v): ContactAbout => ({
      childSafeNow: v.childSafeNow,
      childSafeDetail:
        v.childSafeNow === 'yes' ? v.childSafeYes : v.childSafeNow === 'no' ? v.childSafeNo : null,
      schoolAgencyId: v.schoolAgencyId,
      schoolName: v.schoolName,
      gpAgencyId: v.gpAgencyId,
      gpName: v.gpName,
      interpreterLanguage: v.interpreter ? v.interpreterLanguage : null,
      childWords: v.childWords,
    })),
)

export interface ContactAbout {
  childSafeNow: ChildSafeNow | null
  childSafeDetail: string | null
  schoolAgencyId: number | null
  schoolName: string | null
  gpAgencyId: number | null
  gpName: string | null
  interpreterLanguage: string | null
  childWords: string | null
}

export interface ContactAdult {
  name: string
  relationship: string
  allegedPerpetrator: boolean
  /** The adult's person record, when the screener linked one. */
  personId: number | null
}

/**
 * One adult's row: a name and their relationship to the child, whether they are the alleged
 * perpetrator, and (the screener's form only) their person record. A row left empty is no adult.
 */
export function adultRowSchema(n: number) {
  const name = adultField(n, 'Name')
  const relationship = adultField(n, 'Relationship')
  return z
    .object({
      [name]: text(SHORT_ANSWER_MAX, `Adult ${n}’s name must be 200 characters or fewer`),
      [relationship]: text(
        SHORT_ANSWER_MAX,
        `Adult ${n}’s relationship to the child must be 200 characters or fewer`,
      ),
      [adultField(n, 'Perpetrator')]: z
        .string()
        .optional()
        .transform((v) => v === 'yes'),
      [adultField(n, 'PersonId')]: z
        .string()
        .optional()
        .transform((v) => (v === undefined || v === '' ? null : v))
        .refine((v) => v === null || /^[1-9]\d{0,15}$/.test(v), `Select adult ${n}’s record from the list`)
        .transform((v) => (v === null ? null : Number(v))),
    })
    .superRefine((v, ctx) => {
      const given = v[name] !== null || v[relationship] !== null || v[adultField(n, 'PersonId')] !== null
      if (given && v[name] === null)
        ctx.addIssue({ code: 'custom', path: [name], message: `Enter adult ${n}’s name, or clear their row` })
      if (given && v[relationship] === null)
        ctx.addIssue({
          code: 'custom',
          path: [relationship],
          message: `Enter adult ${n}’s relationship to the child, like mother or mother’s partner`,
        })
    })
    .transform((v): ContactAdult | null => {
      const adultName = v[name] as string | null
      const rel = v[relationship] as string | null
      if (adultName === null || rel === null) return null
      return {
        name: adultName,
        relationship: rel,
        allegedPerpetrator: v[adultField(n, 'Perpetrator')] === true,
        personId: v[adultField(n, 'PersonId')] as number | null,
      }
    })
}

/** The adults' rows shown: the number posted, at least one and at most `MAX_ADULTS`. */
export function adultRowsIn(answers: Readonly<Record<string, unknown>>): number {
  const n = Number(answers.adultRows)
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_ADULTS) : 1
}

/** Every adult row's fields for `rows` rows, in the page's order. */
export function adultFields(rows: number): string[] {
  return Array.from({ length: rows }, (_, i) =>
    (['Name', 'Relationship', 'Perpetrator', 'PersonId'] as const).map((p) => adultField(i + 1, p)),
  ).flat()
}

/** The adults a form names, or its problems by field, in the page's order. */
export function parseAdults(
  answers: Readonly<Record<string, unknown>>,
  rows: number,
): { ok: true; adults: ContactAdult[] } | { ok: false; issues: { field: string; text: string }[] } {
  const adults: ContactAdult[] = []
  const issues: { field: string; text: string }[] = []
  for (let n = 1; n <= rows; n++) {
    const row = adultRowSchema(n).safeParse(answers)
    if (!row.success)
      issues.push(...row.error.issues.map((i) => ({ field: String(i.path[0]), text: i.message })))
    else if (row.data) adults.push(row.data)
  }
  return issues.length ? { ok: false, issues } : { ok: true, adults }
}

// ---------------------------------------------------------------------------------------------
// Finding a described child: what the contact says, as the search and the new record take it

const POSTCODE_IN_TEXT = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/i

/** A date of birth as written ("14 3 2019", "14 March 2019") in the date input's three boxes, or null. */
export function birthParts(written: string | null): { day: string; month: string; year: string } | null {
  const parts = DATE_PARTS.exec((written ?? '').trim().replace(/\s+/g, ' '))
  const month = parts ? monthNumber(parts[2] ?? '') : null
  if (!parts || month === null || dateFromParts(parts[1] ?? '', month, parts[3] ?? '') === null) return null
  return { day: String(Number(parts[1])), month: String(Number(month)), year: parts[3] ?? '' }
}

/** The postcode in an address as written ("4 Example Row, Grays RM17 6SL" gives "RM17 6SL"), or null. */
export function postcodeIn(address: string | null): string | null {
  const m = POSTCODE_IN_TEXT.exec(address ?? '')
  return m ? `${(m[1] ?? '').toUpperCase()} ${(m[2] ?? '').toUpperCase()}` : null
}

export interface DescribedChildText {
  described_name: string | null
  described_birth: string | null
  described_address: string | null
}

/** The find-the-child search as first shown: every field the contact gives. */
export function describedSearch(d: DescribedChildText): Record<string, string> {
  const birth = birthParts(d.described_birth)
  return {
    childQuery: d.described_name ?? '',
    'dateOfBirth-day': birth?.day ?? '',
    'dateOfBirth-month': birth?.month ?? '',
    'dateOfBirth-year': birth?.year ?? '',
    postcode: postcodeIn(d.described_address) ?? '',
    identifier: '',
  }
}

/**
 * The new record's form filled from what the contact says: the name split at its last space (the
 * family name last, as a referrer writes it), the date of birth when it is one, the address as
 * its first line (less the postcode) and the postcode.
 */
export function describedNewChild(d: DescribedChildText): Record<string, string> {
  const name = (d.described_name ?? '').trim().split(/\s+/).filter(Boolean)
  const birth = birthParts(d.described_birth)
  const postcode = postcodeIn(d.described_address)
  const line = (d.described_address ?? '')
    .replace(POSTCODE_IN_TEXT, '')
    .replace(/[\s,]+$/, '')
    .trim()
  const fields: Record<string, string> = {
    givenName: name.length > 1 ? name.slice(0, -1).join(' ') : '',
    familyName: name.at(-1) ?? '',
    'dateOfBirth-day': birth?.day ?? '',
    'dateOfBirth-month': birth?.month ?? '',
    'dateOfBirth-year': birth?.year ?? '',
    addressLine1: line.slice(0, SHORT_ANSWER_MAX),
    postcode: postcode ?? '',
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''))
}

/** The search's answers as the people module's search takes them (the name box is `childQuery` here). */
export function findChildAnswers(answers: Readonly<Record<string, unknown>>): Record<string, string> {
  const text = (name: string) => (typeof answers[name] === 'string' ? (answers[name] as string) : '')
  return {
    name: text('childQuery'),
    'dateOfBirth-day': text('dateOfBirth-day'),
    'dateOfBirth-month': text('dateOfBirth-month'),
    'dateOfBirth-year': text('dateOfBirth-year'),
    postcode: text('postcode'),
    identifier: text('identifier'),
  }
}

/**
 * The partner agency's contact form, checked: its fields (a row for each child, up to
 * `MAX_CHILDREN`), the answers kept between its steps, and what it says turned into the contact to
 * record or the problems to show, in the page's order.
 */
import { londonDate, londonInstant, londonToday, type IsoDate } from '../../platform/calendar/dates.js'
import { keepAnswers, type FormAnswers, type FormErrors, type KeptAnswers } from '../../platform/http/form.js'
import { aboutFields } from './about-views.js'
import {
  ABOUT_FIELDS,
  adultFields,
  adultRowsIn,
  birthOrAgeMessage,
  contactAboutSchema,
  contactDetailsFor,
  MAX_ADULTS,
  parseAdults,
  parseAwareAt,
  PARTNER_REASON,
  PARTNER_RECEIVED,
  readBirthOrAge,
  receivedAtSchema,
} from './model.js'
import type { PartnerProfile } from './partner-service.js'
import { parsePoliceRisk, POLICE_RISK_FIELDS } from './police-notifications.js'
import type { DescribedChild } from './service.js'
import { isInFuture } from './service-support.js'

export const MAX_CHILDREN = 6

/** The form's fields, carried through "Add another child" and the check-answers page. */
export const SINGLE_FIELDS = [
  'referralSource',
  'received-day',
  'received-month',
  'received-year',
  'received-time',
  'aware-day',
  'aware-month',
  'aware-year',
  'aware-time',
  'reason',
  'consent',
  'consentReason',
  'referrerPhone',
  'referrerEmail',
  ...POLICE_RISK_FIELDS,
] as const

export const childField = (n: number, part: 'Name' | 'Birth' | 'Address') => `child${n}${part}`

type Values = KeptAnswers

/** The answers to show again: the form's own fields only, under the platform's length policy. */
export function keptAnswers(body: FormAnswers, rows: number): Values {
  const children: string[] = []
  for (let n = 1; n <= rows; n++)
    for (const part of ['Name', 'Birth', 'Address'] as const) children.push(childField(n, part))
  return keepAnswers(body, {
    only: [...SINGLE_FIELDS, ...children, ...aboutFields(adultRowsIn(body)), 'presentingNeeds'],
    lists: ['presentingNeeds'],
  })
}

export function rowsIn(body: FormAnswers): number {
  const n = Number(body.childRows)
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_CHILDREN) : 1
}

/** The page's order, so the error summary lists problems as the form asks its questions. */
const FIELD_ORDER = [
  'referralSource',
  'received-day',
  'received-time',
  'aware-day',
  'aware-time',
  ...Array.from({ length: MAX_CHILDREN }, (_, i) => [
    childField(i + 1, 'Name'),
    childField(i + 1, 'Birth'),
    childField(i + 1, 'Address'),
  ]).flat(),
  'reason',
  'presentingNeeds',
  ...POLICE_RISK_FIELDS,
  'consent',
  'consentReason',
  ...adultFields(MAX_ADULTS),
  ...ABOUT_FIELDS,
  'referrerPhone',
  'referrerEmail',
  'form',
]

export function toFormErrors(problems: { field: string; text: string }[]): FormErrors {
  const byField: FormErrors['byField'] = {}
  for (const p of problems) if (!byField[p.field]) byField[p.field] = { text: p.text }
  const fields = Object.keys(byField).sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b))
  return {
    list: fields.map((f) => ({ text: byField[f]?.text ?? '', href: `#${f}` })),
    byField,
  }
}

/** The partner's form names its fields in its own words: "Date of the contact", "What has happened". */
const partnerDetails = contactDetailsFor(PARTNER_REASON)
const partnerReceivedAt = receivedAtSchema(PARTNER_RECEIVED)

function parseChildren(v: FormAnswers, rows: number, today: IsoDate) {
  const problems: { field: string; text: string }[] = []
  const described: DescribedChild[] = []
  for (let n = 1; n <= rows; n++) {
    const [name, birth, address] = (['Name', 'Birth', 'Address'] as const).map((p) =>
      String(v[childField(n, p)] ?? '').trim(),
    ) as [string, string, string]
    if (name === '' && birth === '' && address === '') continue
    if (name === '')
      problems.push({
        field: childField(n, 'Name'),
        text: `Enter child ${n}’s full name, or clear their row`,
      })
    else if (name.length > 200)
      problems.push({
        field: childField(n, 'Name'),
        text: `Child ${n}’s name must be 200 characters or fewer`,
      })
    const born = birth === '' ? null : readBirthOrAge(birth, today)
    if (born && !born.ok)
      problems.push({ field: childField(n, 'Birth'), text: birthOrAgeMessage(n, born.problem) })
    if (address.length > 400)
      problems.push({
        field: childField(n, 'Address'),
        text: `Child ${n}’s address must be 400 characters or fewer`,
      })
    if (name !== '') described.push({ name, birth: born?.ok ? born.text : null, address: address || null })
  }
  if (described.length === 0 && problems.length === 0)
    problems.push({ field: childField(1, 'Name'), text: 'Enter the full name of at least one child' })
  return { described, problems }
}

/**
 * Everything the form says, checked: the contact to record, or each problem by field. `v` is the
 * answers as sent, not as kept to show again (those are cut short, and a too-long answer must be
 * refused, not shortened and saved).
 */
export function parsePartnerContact(v: FormAnswers, rows: number, profile: PartnerProfile, now: Date) {
  const problems: { field: string; text: string }[] = []
  const details = partnerDetails.safeParse({
    channel: 'partner_form',
    outOfHoursAction: '',
    referralSource: v.referralSource,
    referrerName: profile.name,
    referrerRole: profile.jobTitle ?? '',
    referrerAgencyId: profile.agency ? String(profile.agency.id) : '',
    referrerPhone: v.referrerPhone,
    referrerEmail: v.referrerEmail,
    reason: v.reason,
    presentingNeeds: v.presentingNeeds,
    consent: v.consent,
    consentReason: v.consentReason,
  })
  if (!details.success)
    for (const issue of details.error.issues) {
      const field = String(issue.path[0] ?? 'form')
      problems.push({ field, text: issue.message })
    }
  const received = partnerReceivedAt.safeParse(v)
  let receivedAt: Date | null = null
  if (!received.success)
    for (const issue of received.error.issues)
      problems.push({ field: String(issue.path[0] ?? 'received-day'), text: issue.message })
  else {
    receivedAt = londonInstant(received.data.date, received.data.time)
    if (isInFuture(receivedAt, now)) {
      problems.push({ field: 'received-day', text: 'Date and time of the contact must be in the past' })
      receivedAt = null
    }
  }
  const aware = parseAwareAt(v, receivedAt, 'you', now)
  if (aware.problem) problems.push(aware.problem)
  const children = parseChildren(v, rows, londonToday(now))
  problems.push(...children.problems)
  // A police officer says what they know of the risk (a police notification's DASH level and so on).
  const police = profile.agency?.kind === 'police'
  const risk = police ? parsePoliceRisk(v) : null
  if (risk && !risk.ok) problems.push(...risk.problems)
  // A partner describes the adults in words: the front door links their records.
  const adults = parseAdults(withoutRecords(v), adultRowsIn(v))
  if (!adults.ok) problems.push(...adults.issues)
  const about = contactAboutSchema.safeParse(v)
  if (!about.success)
    for (const issue of about.error.issues)
      problems.push({ field: String(issue.path[0] ?? 'form'), text: issue.message })
  if (problems.length > 0 || !details.success || receivedAt === null || !adults.ok || !about.success)
    return { ok: false as const, problems }
  const needs = details.data.presentingNeeds
  const aboutDomesticAbuse = needs.includes('3A') || needs.includes('3B')
  return {
    ok: true as const,
    contact: {
      details: details.data,
      receivedAt,
      awareAt: aware.at,
      childIds: [] as number[],
      described: children.described,
      about: about.data,
      adults: adults.adults,
      // A police officer's contact about domestic abuse is a police notification for the MASH.
      ...(police ? { domesticAbuse: aboutDomesticAbuse, policeRisk: risk?.ok ? risk.risk : null } : {}),
    },
    awareAt: aware.at,
  }
}

/** The answers without any adult's record: a partner's form has none to choose. */
function withoutRecords(v: FormAnswers): FormAnswers {
  return Object.fromEntries(Object.entries(v).filter(([name]) => !/^adult\d+PersonId$/.test(name)))
}

/** Now, in London, as the date and time boxes show it. */
export function nowFields(now: Date): Values {
  const [y, m, d] = londonDate(now.getTime()).split('-') as [string, string, string]
  const time = now.toLocaleTimeString('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  })
  return {
    'received-day': String(Number(d)),
    'received-month': String(Number(m)),
    'received-year': y,
    'received-time': time,
  }
}

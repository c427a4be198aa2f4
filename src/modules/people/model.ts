/**
 * People: the rules for a new child's record and for matching names in search. Pure: no I/O.
 *
 * The code lists are the DfE's (reference/codes/*.json, versioned there). The date rules follow
 * the front-door issue: a child's date of birth is not in the future and not more than 25 years
 * ago (an older person is recorded as an adult); an unborn child has an expected date instead.
 */
import { z } from 'zod'
import ethnicityList from '../../../reference/codes/ethnicity.json' with { type: 'json' }
import disabilityList from '../../../reference/codes/disability.json' with { type: 'json' }
import upnUnknownList from '../../../reference/codes/upn-unknown.json' with { type: 'json' }
import referralSourceList from '../../../reference/codes/referral-source.json' with { type: 'json' }
import { addCalendarDays } from '../../platform/calendar/dates.js'
import { isValidNhsNumber, isValidUpn } from './identifiers.js'

export interface Code {
  code: string
  label: string
}

export const ETHNICITY: readonly Code[] = ethnicityList.codes
export const DISABILITY: readonly Code[] = disabilityList.codes
export const UPN_UNKNOWN_REASONS: readonly Code[] = upnUnknownList.codes
export const SEX: readonly Code[] = [
  { code: 'M', label: 'Male' },
  { code: 'F', label: 'Female' },
  { code: 'U', label: 'Not known' },
]
export const OTHER_NAME_KINDS: readonly Code[] = [
  { code: 'known_as', label: 'Known as' },
  { code: 'birth', label: 'Name at birth' },
  { code: 'previous', label: 'Previous name' },
  { code: 'alias', label: 'Alias' },
]

export function labelFor(list: readonly Code[], code: string | null | undefined): string | null {
  if (!code) return null
  return list.find((c) => c.code === code)?.label ?? code
}

const codes = (list: readonly Code[]): string[] => list.map((c) => c.code)

// ---------------------------------------------------------------------------------------------
// Names for matching. These mirror haven_name_key and haven_name_sound in migration 0004, which
// keep the same keys in generated columns; an integration test checks the two agree.

/**
 * Latin letters with diacritics (U+00C0–U+017F and U+1E00–U+1EFF) to their plain lower-case
 * letter, and a few that do not decompose. The migration holds the same pairs as literal strings.
 */
export function accentPairs(): { from: string; to: string } {
  let from = ''
  let to = ''
  const add = (cp: number): void => {
    const ch = String.fromCodePoint(cp)
    const base = ch.normalize('NFD').charAt(0)
    if (/[A-Za-z]/.test(base) && base !== ch) {
      from += ch
      to += base.toLowerCase()
    }
  }
  for (let cp = 0xc0; cp <= 0x17f; cp++) add(cp)
  for (let cp = 0x1e00; cp <= 0x1eff; cp++) add(cp)
  for (const [ch, plain] of Object.entries({
    ł: 'l',
    Ł: 'l',
    ø: 'o',
    Ø: 'o',
    đ: 'd',
    Đ: 'd',
    ı: 'i',
    ħ: 'h',
    Ħ: 'h',
  })) {
    from += ch
    to += plain
  }
  return { from, to }
}

const ACCENT_MAP = ((): Map<string, string> => {
  const { from, to } = accentPairs()
  return new Map([...from].map((ch, i) => [ch, to.charAt(i)]))
})()

/** Lower case, accents dropped, anything but a–z removed: "O'Brien-Smyth" → "obriensmyth". */
export function nameKey(name: string): string {
  // Mapped before lower case, as translate() runs before lower() in SQL.
  return [...name]
    .map((ch) => ACCENT_MAP.get(ch) ?? ch)
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
}

/** A coarse key for spelling variants: "Smith" and "Smyth", "Catherine" and "Kathryn" meet. */
export function soundKey(name: string): string {
  const k = nameKey(name)
    .replace(/[cqzv]/g, (ch) => ({ c: 'k', q: 'k', z: 's', v: 'f' })[ch] ?? ch)
    .replace(/ph/g, 'f')
    .replace(/(.)\1+/g, '$1')
  return (
    k.slice(0, 1) +
    k
      .slice(1)
      .replace(/[aeiouhwy]/g, '')
      .replace(/(.)\1+/g, '$1')
  )
}

export interface PersonName {
  givenName: string
  familyName: string
}

export type NameMatch = 'exact' | 'sounds_like' | 'transposed' | 'other_name'

/**
 * How a search for `query` matches a person whose main name is `main` and who has `others`,
 * closest first; null for no match. A single word matches either the given or the family name.
 */
export function matchName(
  query: string,
  main: PersonName,
  others: readonly PersonName[] = [],
): NameMatch | null {
  const words = query.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return null
  const given = words.length > 1 ? (words[0] ?? '') : ''
  const family = words.length > 1 ? words.slice(1).join('') : (words[0] ?? '')
  const test = (n: PersonName): NameMatch | null => {
    const [g, f] = [n.givenName, n.familyName]
    if (!given) {
      if (nameKey(family) === nameKey(f) || nameKey(family) === nameKey(g)) return 'exact'
      if (soundKey(family) === soundKey(f) || soundKey(family) === soundKey(g)) return 'sounds_like'
      return null
    }
    if (nameKey(given) === nameKey(g) && nameKey(family) === nameKey(f)) return 'exact'
    if (soundKey(given) === soundKey(g) && soundKey(family) === soundKey(f)) return 'sounds_like'
    if (soundKey(given) === soundKey(f) && soundKey(family) === soundKey(g)) return 'transposed'
    return null
  }
  const onMain = test(main)
  if (onMain) return onMain
  return others.some((o) => test(o) !== null) ? 'other_name' : null
}

/** The words of a name search as the store needs them: a given and a family name, or one word. */
export function splitNameQuery(query: string): { given: string | null; family: string } | null {
  const words = query
    .trim()
    .split(/\s+/)
    .filter((w) => nameKey(w) !== '')
  if (words.length === 0) return null
  if (words.length === 1) return { given: null, family: words[0] as string }
  return { given: words[0] as string, family: words.slice(1).join(' ') }
}

// ---------------------------------------------------------------------------------------------
// Dates from GOV.UK date inputs (three boxes).

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The date as YYYY-MM-DD, or null when the three parts are not a real date. */
export function dateFromParts(day: string, month: string, year: string): string | null {
  if (!/^\d{1,2}$/.test(day.trim()) || !/^\d{1,2}$/.test(month.trim()) || !/^\d{4}$/.test(year.trim()))
    return null
  const [d, m, y] = [Number(day), Number(month), Number(year)]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

/** `iso` moved by whole years, 29 February landing on 28 February. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y + years, m - 1, d))
  if (date.getUTCDate() !== d) date.setUTCDate(0)
  return date.toISOString().slice(0, 10)
}

/** 1 January 2026 style, for messages. */
export function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

/**
 * True when a child born on `dateOfBirth` counts as of school age on `today`, as the DfE's
 * validators take it (903 rule 209, CIN 8770Q): born on or before 31 August six years before the
 * next 31 August.
 */
export function isOfSchoolAge(dateOfBirth: string, today: string): boolean {
  const year = Number(today.slice(0, 4))
  const nextAugust = today <= `${year}-08-31` ? year : year + 1
  return dateOfBirth <= `${nextAugust - 6}-08-31`
}

/** The oldest date of birth a child's record accepts on `today`: 25 years ago. */
export function earliestChildBirthDate(today: string): string {
  return addYears(today, -25)
}

// ---------------------------------------------------------------------------------------------
// The new child form.

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/

/** A UK postcode in its usual form ("RM17 6SL"), or null if it is not one. */
export function normalisePostcode(value: string): string | null {
  const compact = value.toUpperCase().replace(/\s+/g, '')
  if (!POSTCODE.test(compact)) return null
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`
}

const text = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => v || null)
const checkboxes = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))

/** What the form posts, before the cross-field rules. */
const fields = z.object({
  kind: z.enum(['child', 'unborn'], { error: 'Select whether the child is born or unborn' }),
  givenName: z
    .string({ error: 'Enter the child’s first name' })
    .trim()
    .min(1, 'Enter the child’s first name')
    .max(100, 'First name must be 100 characters or fewer'),
  familyName: z
    .string({ error: 'Enter the child’s last name' })
    .trim()
    .min(1, 'Enter the child’s last name')
    .max(100, 'Last name must be 100 characters or fewer'),
  otherNameKind: z.string().optional(),
  otherGivenName: text(100, 'Other first name must be 100 characters or fewer'),
  otherFamilyName: text(100, 'Other last name must be 100 characters or fewer'),
  'dateOfBirth-day': z.string().max(10).optional().default(''),
  'dateOfBirth-month': z.string().max(10).optional().default(''),
  'dateOfBirth-year': z.string().max(10).optional().default(''),
  'expectedDate-day': z.string().max(10).optional().default(''),
  'expectedDate-month': z.string().max(10).optional().default(''),
  'expectedDate-year': z.string().max(10).optional().default(''),
  sex: z.enum(['M', 'F', 'U'], { error: 'Select the child’s sex' }),
  genderIdentity: text(100, 'Gender identity must be 100 characters or fewer'),
  ethnicity: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || codes(ETHNICITY).includes(v), 'Select an ethnicity from the list'),
  disabilities: checkboxes.refine(
    (v) => v.every((c) => codes(DISABILITY).includes(c)),
    'Select disabilities from the list',
  ),
  firstLanguage: text(100, 'First language must be 100 characters or fewer'),
  nhsNumber: text(20, 'Enter a real NHS number, like 943 476 5919'),
  upn: text(20, 'Enter a real UPN, 13 characters like A123456789012'),
  formerUpn: text(20, 'Enter a real former UPN, 13 characters like A123456789012'),
  upnUnknownReason: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || codes(UPN_UNKNOWN_REASONS).includes(v), 'Select a reason from the list'),
  addressLine1: text(200, 'Address line 1 must be 200 characters or fewer'),
  addressLine2: text(200, 'Address line 2 must be 200 characters or fewer'),
  addressTown: text(100, 'Town or city must be 100 characters or fewer'),
  postcode: text(10, 'Enter a real postcode, like RM17 6SL'),
})

export type NewChildForm = z.input<typeof fields>

export interface NewChild {
  kind: 'child' | 'unborn'
  givenName: string
  familyName: string
  otherName: {
    kind: 'known_as' | 'birth' | 'previous' | 'alias'
    givenName: string
    familyName: string
  } | null
  dateOfBirth: string | null
  expectedBirthDate: string | null
  sex: 'M' | 'F' | 'U'
  genderIdentity: string | null
  ethnicity: string | null
  disabilities: string[]
  firstLanguage: string | null
  nhsNumber: string | null
  upn: string | null
  formerUpn: string | null
  upnUnknownReason: string | null
  address: { line1: string; line2: string | null; town: string | null; postcode: string | null } | null
}

/** Where each error sends the reader: the first box of a date, the first option of a list. */
export const NEW_CHILD_FIELD_IDS: Record<string, string> = {
  kind: 'kind',
  dateOfBirth: 'dateOfBirth-day',
  expectedDate: 'expectedDate-day',
  sex: 'sex',
  disabilities: 'disabilities',
  upnUnknownReason: 'upnUnknownReason',
}

type Issue = (path: string, message: string) => void

/**
 * The identifier, UPN-unknown and disability rules a child's record keeps whether it is being
 * created or changed: NHS number modulus 11, UPN and former UPN check letters, a UPN or a reason
 * (for a born child), UN1 only below school age, ‘No disability’ alone.
 */
function identifierRules(
  f: {
    nhsNumber: string | null
    upn: string | null
    formerUpn: string | null
    upnUnknownReason: string | null
    disabilities: string[]
  },
  kind: 'child' | 'unborn' | 'adult',
  dateOfBirth: string | null,
  today: string,
  issue: Issue,
): { nhsNumber: string | null; upn: string | null; formerUpn: string | null } {
  const nhsNumber = f.nhsNumber?.replace(/\s+/g, '') ?? null
  if (nhsNumber !== null && !isValidNhsNumber(nhsNumber))
    issue('nhsNumber', 'Enter a real NHS number, like 943 476 5919')
  const upn = f.upn?.toUpperCase().replace(/\s+/g, '') ?? null
  if (upn !== null && !isValidUpn(upn))
    issue('upn', 'Enter a real UPN: check the 13 characters, including the first letter')
  const formerUpn = f.formerUpn?.toUpperCase().replace(/\s+/g, '') ?? null
  if (formerUpn !== null && !isValidUpn(formerUpn))
    issue('formerUpn', 'Enter a real former UPN: check the 13 characters, including the first letter')
  if (upn !== null && f.upnUnknownReason !== null)
    issue('upnUnknownReason', 'Either enter the UPN or say why it is not known, not both')
  else if (kind === 'child' && upn === null && f.upnUnknownReason === null)
    issue('upn', 'Enter the child’s UPN, or select why it is not known')
  else if (f.upnUnknownReason === 'UN1' && dateOfBirth !== null && isOfSchoolAge(dateOfBirth, today))
    issue('upnUnknownReason', 'The child is of school age: select another reason the UPN is not known')

  if (f.disabilities.includes('NONE') && f.disabilities.length > 1)
    issue('disabilities', 'Select ‘No disability’ on its own, or select each disability')
  return { nhsNumber, upn, formerUpn }
}

/** The schema for a new child (born or unborn) on `today` (YYYY-MM-DD, London). */
export function newChildSchema(today: string) {
  if (!ISO_DATE.test(today)) throw new Error(`today must be YYYY-MM-DD, not ${today}`)
  return fields.transform((f, ctx): NewChild => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    let dateOfBirth: string | null = null
    let expectedBirthDate: string | null = null
    if (f.kind === 'child') {
      const parts = [f['dateOfBirth-day'], f['dateOfBirth-month'], f['dateOfBirth-year']]
      if (parts.every((p) => p.trim() === '')) issue('dateOfBirth', 'Enter the child’s date of birth')
      else {
        dateOfBirth = dateFromParts(...(parts as [string, string, string]))
        const earliest = earliestChildBirthDate(today)
        if (!dateOfBirth) issue('dateOfBirth', 'Date of birth must be a real date')
        else if (dateOfBirth > today) issue('dateOfBirth', 'Date of birth must be today or in the past')
        else if (dateOfBirth < earliest)
          issue(
            'dateOfBirth',
            `Date of birth must be on or after ${longDate(earliest)}: record someone older as an adult`,
          )
      }
    } else {
      const parts = [f['expectedDate-day'], f['expectedDate-month'], f['expectedDate-year']]
      if (parts.every((p) => p.trim() === '')) issue('expectedDate', 'Enter the expected date of birth')
      else {
        expectedBirthDate = dateFromParts(...(parts as [string, string, string]))
        const latest = addYears(today, 1)
        if (!expectedBirthDate) issue('expectedDate', 'Expected date of birth must be a real date')
        else if (expectedBirthDate < today)
          issue('expectedDate', 'Expected date of birth must be today or in the future: record a born child')
        else if (expectedBirthDate > latest)
          issue('expectedDate', `Expected date of birth must be on or before ${longDate(latest)}`)
      }
      // The CIN census records an unborn child's sex as not known (rule 8750).
      if (f.sex !== 'U') issue('sex', 'Select ‘Not known’ for an unborn child')
    }

    const { nhsNumber, upn, formerUpn } = identifierRules(f, f.kind, dateOfBirth, today, issue)

    let otherName: NewChild['otherName'] = null
    if (f.otherGivenName !== null || f.otherFamilyName !== null) {
      const kind = OTHER_NAME_KINDS.find((k) => k.code === f.otherNameKind)?.code
      if (!kind) issue('otherNameKind', 'Select what kind of name the other name is')
      if (f.otherGivenName === null) issue('otherGivenName', 'Enter the other first name')
      if (f.otherFamilyName === null) issue('otherFamilyName', 'Enter the other last name')
      if (kind && f.otherGivenName && f.otherFamilyName)
        otherName = {
          kind: kind as NonNullable<NewChild['otherName']>['kind'],
          givenName: f.otherGivenName,
          familyName: f.otherFamilyName,
        }
    }

    let address: NewChild['address'] = null
    const postcode = f.postcode === null ? null : normalisePostcode(f.postcode)
    if (f.postcode !== null && postcode === null) issue('postcode', 'Enter a real postcode, like RM17 6SL')
    if (f.addressLine1 === null && (f.addressLine2 || f.addressTown || f.postcode))
      issue('addressLine1', 'Enter the first line of the address')
    if (f.addressLine1 !== null)
      address = { line1: f.addressLine1, line2: f.addressLine2, town: f.addressTown, postcode }

    return {
      kind: f.kind,
      givenName: f.givenName,
      familyName: f.familyName,
      otherName,
      dateOfBirth,
      expectedBirthDate,
      sex: f.sex,
      genderIdentity: f.genderIdentity,
      ethnicity: f.ethnicity,
      disabilities: f.disabilities,
      firstLanguage: f.firstLanguage,
      nhsNumber,
      upn,
      formerUpn,
      upnUnknownReason: upn === null ? f.upnUnknownReason : null,
      address,
    }
  })
}

// ---------------------------------------------------------------------------------------------
// The search form.

export interface SearchCriteria {
  name: string | null
  dateOfBirth: string | null
  postcode: string | null
  identifier: string | null
}

export const searchSchema = z
  .object({
    name: text(100, 'Name must be 100 characters or fewer'),
    'dateOfBirth-day': z.string().max(10).optional().default(''),
    'dateOfBirth-month': z.string().max(10).optional().default(''),
    'dateOfBirth-year': z.string().max(10).optional().default(''),
    postcode: text(10, 'Enter a real postcode, like RM17 6SL'),
    identifier: text(20, 'Enter an NHS number, UPN or LA child ID of 20 characters or fewer'),
  })
  .transform((f, ctx): SearchCriteria => {
    const parts = [f['dateOfBirth-day'], f['dateOfBirth-month'], f['dateOfBirth-year']] as const
    let dateOfBirth: string | null = null
    if (parts.some((p) => p.trim() !== '')) {
      dateOfBirth = dateFromParts(...parts)
      if (!dateOfBirth)
        ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth must be a real date' })
    }
    let postcode: string | null = null
    if (f.postcode !== null) {
      // A partial postcode (the outward part, "RM17") is a useful search too.
      postcode = f.postcode.toUpperCase().replace(/\s+/g, '')
      if (!/^[A-Z0-9]{2,7}$/.test(postcode))
        ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Enter a real postcode, like RM17 6SL' })
    }
    if (f.name !== null && !splitNameQuery(f.name))
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter a name with at least one letter' })
    if (
      f.name === null &&
      dateOfBirth === null &&
      postcode === null &&
      f.identifier === null &&
      parts.every((p) => !p.trim())
    )
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'Enter a name, date of birth, postcode or identifier to search for',
      })
    return {
      name: f.name,
      dateOfBirth,
      postcode,
      identifier: f.identifier?.replace(/\s+/g, '').toUpperCase() ?? null,
    }
  })

export const SEARCH_FIELD_IDS: Record<string, string> = { dateOfBirth: 'dateOfBirth-day' }

// ---------------------------------------------------------------------------------------------
// Changing a record: details, addresses, relationships, other names, birth, alerts.

const dateParts = (name: string) => ({
  [`${name}-day`]: z.string().max(10).optional().default(''),
  [`${name}-month`]: z.string().max(10).optional().default(''),
  [`${name}-year`]: z.string().max(10).optional().default(''),
})

type Parts = Record<string, string | undefined>

/** The date in `name`'s three boxes: 'empty', null for not a real date, or YYYY-MM-DD. */
function partsDate(f: Parts, name: string): string | null | 'empty' {
  const parts = [f[`${name}-day`] ?? '', f[`${name}-month`] ?? '', f[`${name}-year`] ?? '']
  if (parts.every((p) => p.trim() === '')) return 'empty'
  return dateFromParts(...(parts as [string, string, string]))
}

const reasonText = (what: string) =>
  z
    .string({ error: `Enter why ${what}` })
    .trim()
    .min(3, `Enter why ${what}`)
    .max(500, 'The reason must be 500 characters or fewer')

/** Why something is deleted or removed: every soft delete says why. */
export const reasonSchema = (what: string) => z.object({ reason: reasonText(what) })

/** Where each date error sends the reader. */
export const DATE_FIELD_IDS: Record<string, string> = {
  dateOfBirth: 'dateOfBirth-day',
  fromDate: 'fromDate-day',
  toDate: 'toDate-day',
  untilDate: 'untilDate-day',
  sex: 'sex',
  disabilities: 'disabilities',
  upnUnknownReason: 'upnUnknownReason',
  relationshipType: 'relationshipType',
  kind: 'kind',
  relatedPersonId: 'relatedPersonId',
}

export interface PersonDetails {
  givenName: string
  familyName: string
  sex: 'M' | 'F' | 'U'
  genderIdentity: string | null
  ethnicity: string | null
  disabilities: string[]
  firstLanguage: string | null
  nhsNumber: string | null
  upn: string | null
  formerUpn: string | null
  upnUnknownReason: string | null
}

/**
 * Changing a record's details. The identifier rules are the new-child form's; an unborn child's
 * sex stays ‘Not known’ (CIN 8750) until the birth is recorded.
 */
export function detailsSchema(today: string, person: { kind: string; dateOfBirth: string | null }) {
  const kind = person.kind === 'unborn' ? 'unborn' : person.kind === 'adult' ? 'adult' : 'child'
  return fields
    .pick({
      givenName: true,
      familyName: true,
      sex: true,
      genderIdentity: true,
      ethnicity: true,
      disabilities: true,
      firstLanguage: true,
      nhsNumber: true,
      upn: true,
      formerUpn: true,
      upnUnknownReason: true,
    })
    .transform((f, ctx): PersonDetails => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
      if (kind === 'unborn' && f.sex !== 'U') issue('sex', 'Select ‘Not known’ for an unborn child')
      const ids = identifierRules(f, kind, person.dateOfBirth, today, issue)
      return { ...f, ...ids, upnUnknownReason: ids.upn === null ? f.upnUnknownReason : null }
    })
}

export interface AddressInput {
  line1: string
  line2: string | null
  town: string | null
  postcode: string | null
  fromDate: string
  toDate: string | null
  /** A refuge or undisclosed address: shown only to those the field rules allow. */
  confidential: boolean
}

/** A new address (from a date, not in the future) or a correction of one (with an end date). */
export function addressSchema(today: string, options: { correction: boolean }) {
  return z
    .object({
      // Checked in the transform, so a missing line and a bad date are reported together.
      addressLine1: text(200, 'Address line 1 must be 200 characters or fewer'),
      addressLine2: text(200, 'Address line 2 must be 200 characters or fewer'),
      addressTown: text(100, 'Town or city must be 100 characters or fewer'),
      postcode: text(10, 'Enter a real postcode, like RM17 6SL'),
      ...dateParts('fromDate'),
      ...dateParts('toDate'),
      // A ticked box posts 'yes'; kept as text here so the date parts read as strings.
      confidential: z
        .unknown()
        .optional()
        .transform((v) => (v === 'yes' ? 'yes' : '')),
    })
    .transform((f, ctx): AddressInput => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
      if (f.addressLine1 === null) issue('addressLine1', 'Enter the first line of the address')
      const postcode = f.postcode === null ? null : normalisePostcode(f.postcode)
      if (f.postcode !== null && postcode === null) issue('postcode', 'Enter a real postcode, like RM17 6SL')
      const from = partsDate(f as Parts, 'fromDate')
      if (from === 'empty') issue('fromDate', 'Enter the date the child started living here')
      else if (from === null) issue('fromDate', 'The date they started living here must be a real date')
      else if (from > today)
        issue('fromDate', 'The date they started living here must be today or in the past')
      let toDate: string | null = null
      if (options.correction) {
        const to = partsDate(f as Parts, 'toDate')
        if (to === null) issue('toDate', 'The date they left must be a real date')
        else if (to !== 'empty') {
          toDate = to
          if (to > today) issue('toDate', 'The date they left must be today or in the past')
          else if (typeof from === 'string' && to < from)
            issue('toDate', 'The date they left must be on or after the date they started living here')
        }
      }
      return {
        line1: f.addressLine1 ?? '',
        line2: f.addressLine2,
        town: f.addressTown,
        postcode,
        fromDate: typeof from === 'string' ? from : today,
        toDate,
        confidential: f.confidential === 'yes',
      }
    })
}

/**
 * What the chronology says of a change to a confidential address, in place of the address: the
 * chronology is read by everyone who opens the record, most of whom may not see it.
 */
export function confidentialAddressSummary(type: string, fromDate?: string | null): string {
  if (type === 'address.added')
    return fromDate
      ? `Moved to a confidential address from ${longDate(fromDate)}`
      : 'Moved to a confidential address'
  if (type === 'address.deleted') return 'Confidential address deleted'
  return 'Confidential address corrected'
}

export const RELATIONSHIP_TYPES: readonly Code[] = [
  { code: 'mother', label: 'Mother' },
  { code: 'father', label: 'Father' },
  { code: 'parent', label: 'Parent' },
  { code: 'step_parent', label: 'Step-parent' },
  { code: 'carer', label: 'Carer' },
  { code: 'guardian', label: 'Guardian' },
  { code: 'special_guardian', label: 'Special guardian' },
  { code: 'grandparent', label: 'Grandparent' },
  { code: 'sibling', label: 'Brother or sister' },
  { code: 'half_sibling', label: 'Half-brother or half-sister' },
  { code: 'step_sibling', label: 'Step-brother or step-sister' },
  { code: 'aunt_or_uncle', label: 'Aunt or uncle' },
  { code: 'cousin', label: 'Cousin' },
  { code: 'partner', label: 'Partner' },
  { code: 'other_relative', label: 'Other relative' },
  { code: 'household_member', label: 'Household member (not related)' },
  { code: 'other', label: 'Other' },
]

export type RelationshipType =
  | 'mother'
  | 'father'
  | 'parent'
  | 'step_parent'
  | 'carer'
  | 'guardian'
  | 'special_guardian'
  | 'grandparent'
  | 'sibling'
  | 'half_sibling'
  | 'step_sibling'
  | 'aunt_or_uncle'
  | 'cousin'
  | 'partner'
  | 'other_relative'
  | 'household_member'
  | 'other'

export interface NewAdult {
  givenName: string
  familyName: string
  dateOfBirth: string | null
  sex: 'M' | 'F' | 'U'
}

export interface RelationshipInput {
  /** The person related to the child: one already recorded, or a new adult added here. */
  related: { id: number } | { adult: NewAdult }
  relationshipType: RelationshipType
  householdMember: boolean
  fromDate: string | null
}

/**
 * A family or household member of the child: "this person is the child's mother". Either a
 * person picked from a search (relatedPersonId) or a new adult (name, date of birth, sex).
 */
export function relationshipSchema(today: string) {
  return z
    .object({
      relatedPersonId: z.string().optional().default(''),
      relationshipType: z.string().optional().default(''),
      householdMember: z.string().optional(),
      adultGivenName: text(100, 'First name must be 100 characters or fewer'),
      adultFamilyName: text(100, 'Last name must be 100 characters or fewer'),
      adultSex: z.string().optional(),
      ...dateParts('dateOfBirth'),
      ...dateParts('fromDate'),
    })
    .transform((f, ctx): RelationshipInput => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
      if (!codes(RELATIONSHIP_TYPES).includes(f.relationshipType))
        issue('relationshipType', 'Select how this person is related to the child')
      let related: RelationshipInput['related'] = { id: 0 }
      if (f.relatedPersonId === 'new' || f.relatedPersonId === '') {
        if (f.relatedPersonId === '' && f.adultGivenName === null && f.adultFamilyName === null)
          issue('relatedPersonId', 'Select the person, or add a new adult')
        if (f.adultGivenName === null) issue('adultGivenName', 'Enter the adult’s first name')
        if (f.adultFamilyName === null) issue('adultFamilyName', 'Enter the adult’s last name')
        const sex = SEX.find((s) => s.code === f.adultSex)?.code as NewAdult['sex'] | undefined
        if (!sex) issue('adultSex', 'Select the adult’s sex')
        const dob = partsDate(f as Parts, 'dateOfBirth')
        if (dob === null) issue('dateOfBirth', 'Date of birth must be a real date')
        else if (dob !== 'empty' && dob > today) issue('dateOfBirth', 'Date of birth must be in the past')
        related = {
          adult: {
            givenName: f.adultGivenName ?? '',
            familyName: f.adultFamilyName ?? '',
            dateOfBirth: typeof dob === 'string' && dob !== 'empty' ? dob : null,
            sex: sex ?? 'U',
          },
        }
      } else {
        const id = Number(f.relatedPersonId)
        if (!Number.isSafeInteger(id) || id <= 0)
          issue('relatedPersonId', 'Select the person, or add a new adult')
        related = { id }
      }
      const from = partsDate(f as Parts, 'fromDate')
      if (from === null) issue('fromDate', 'The date the relationship started must be a real date')
      else if (from !== 'empty' && from > today)
        issue('fromDate', 'The date the relationship started must be today or in the past')
      return {
        related,
        relationshipType: f.relationshipType as RelationshipType,
        householdMember: f.householdMember === 'yes',
        fromDate: typeof from === 'string' && from !== 'empty' ? from : null,
      }
    })
}

/** When a relationship ended (someone left the household, a carer stopped caring). */
export function endDateSchema(today: string, notBefore: string | null) {
  return z.object({ ...dateParts('toDate') }).transform((f, ctx): { toDate: string } => {
    const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
    const to = partsDate(f as Parts, 'toDate')
    if (to === 'empty') issue('toDate', 'Enter the date it ended')
    else if (to === null) issue('toDate', 'The date it ended must be a real date')
    else if (to > today) issue('toDate', 'The date it ended must be today or in the past')
    else if (notBefore !== null && to < notBefore)
      issue('toDate', `The date it ended must be on or after ${longDate(notBefore)}, when it started`)
    return { toDate: typeof to === 'string' ? to : today }
  })
}

export const otherNameSchema = z.object({
  otherNameKind: z
    .string({ error: 'Select what kind of name it is' })
    .refine((v) => codes(OTHER_NAME_KINDS).includes(v), 'Select what kind of name it is')
    .transform((v) => v as 'known_as' | 'birth' | 'previous' | 'alias'),
  otherGivenName: z
    .string({ error: 'Enter the other first name' })
    .trim()
    .min(1, 'Enter the other first name')
    .max(100, 'Other first name must be 100 characters or fewer'),
  otherFamilyName: z
    .string({ error: 'Enter the other last name' })
    .trim()
    .min(1, 'Enter the other last name')
    .max(100, 'Other last name must be 100 characters or fewer'),
})
export type OtherNameInput = z.output<typeof otherNameSchema>

/** Babies are born from about 24 weeks: a birth before that is checked against the expected date. */
export const EARLIEST_BIRTH_WEEKS_BEFORE_EXPECTED = 24

export interface BirthInput {
  dateOfBirth: string
  sex: 'M' | 'F' | 'U'
  nhsNumber: string | null
}

/**
 * The birth of an unborn child, recorded on the same record: a date of birth not in the future
 * and not more than 24 weeks before the expected date; sex; optionally the NHS number.
 */
export function birthSchema(today: string, expectedBirthDate: string | null) {
  return z
    .object({
      ...dateParts('dateOfBirth'),
      sex: z.string().optional().default(''),
      nhsNumber: text(20, 'Enter a real NHS number, like 943 476 5919'),
    })
    .transform((f, ctx): BirthInput => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
      const sex = SEX.find((x) => x.code === f.sex)?.code as BirthInput['sex'] | undefined
      const dob = partsDate(f as Parts, 'dateOfBirth')
      if (dob === 'empty') issue('dateOfBirth', 'Enter the child’s date of birth')
      else if (dob === null) issue('dateOfBirth', 'Date of birth must be a real date')
      else if (dob > today) issue('dateOfBirth', 'Date of birth must be today or in the past')
      else if (expectedBirthDate !== null) {
        const earliest = addCalendarDays(expectedBirthDate, -7 * EARLIEST_BIRTH_WEEKS_BEFORE_EXPECTED)
        if (dob < earliest)
          issue(
            'dateOfBirth',
            `Date of birth must be on or after ${longDate(earliest)}, 24 weeks before the expected date`,
          )
      }
      if (!sex) issue('sex', 'Select the child’s sex')
      const nhsNumber = f.nhsNumber?.replace(/\s+/g, '') ?? null
      if (nhsNumber !== null && !isValidNhsNumber(nhsNumber))
        issue('nhsNumber', 'Enter a real NHS number, like 943 476 5919')
      return {
        dateOfBirth: typeof dob === 'string' && dob !== 'empty' ? dob : today,
        sex: sex ?? 'U',
        nhsNumber,
      }
    })
}

export const ALERT_KINDS: readonly Code[] = [
  { code: 'risk_to_staff', label: 'Risk to staff' },
  { code: 'risk_to_child', label: 'Risk to the child' },
  { code: 'communication_need', label: 'Communication need' },
  { code: 'medical', label: 'Medical' },
  { code: 'court_order', label: 'Court order' },
  { code: 'exploitation_risk', label: 'Risk of exploitation' },
  { code: 'missing', label: 'Missing' },
  { code: 'other', label: 'Other' },
]

export type AlertKind =
  | 'risk_to_staff'
  | 'risk_to_child'
  | 'communication_need'
  | 'medical'
  | 'court_order'
  | 'exploitation_risk'
  | 'missing'
  | 'other'

export interface AlertInput {
  kind: AlertKind
  summary: string
  fromDate: string
  untilDate: string | null
}

/** An alert or warning on a record: what kind, what it says, from when and (perhaps) until when. */
export function alertSchema(today: string) {
  return z
    .object({
      kind: z.string().optional().default(''),
      summary: text(500, 'The alert must be 500 characters or fewer'),
      ...dateParts('fromDate'),
      ...dateParts('untilDate'),
    })
    .transform((f, ctx): AlertInput => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
      if (!codes(ALERT_KINDS).includes(f.kind)) issue('kind', 'Select the kind of alert')
      if (f.summary === null) issue('summary', 'Enter what staff need to know')
      const from = partsDate(f as Parts, 'fromDate')
      if (from === null) issue('fromDate', 'The start date must be a real date')
      const fromDate = typeof from === 'string' && from !== 'empty' ? from : today
      const until = partsDate(f as Parts, 'untilDate')
      if (until === null) issue('untilDate', 'The end date must be a real date')
      else if (until !== 'empty' && until < fromDate)
        issue('untilDate', 'The end date must be on or after the start date')
      return {
        kind: f.kind as AlertKind,
        summary: f.summary ?? '',
        fromDate,
        untilDate: typeof until === 'string' && until !== 'empty' ? until : null,
      }
    })
}

/** An alert shows from its start date until the end of its end date. */
export function isAlertCurrent(
  alert: { from_date: string; until_date: string | null },
  today: string,
): boolean {
  return alert.from_date <= today && (alert.until_date === null || alert.until_date >= today)
}

// ---------------------------------------------------------------------------------------------
// Merging duplicates; agencies, teams and staff (administration).

const positiveId = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,15}$/, message)
    .transform(Number)

/** Which record to keep and which is the duplicate, by record id. */
export const mergePairSchema = z
  .object({
    keep: positiveId('Enter the ID of the record to keep'),
    duplicate: positiveId('Enter the ID of the duplicate record'),
  })
  .refine((v) => v.keep !== v.duplicate, {
    path: ['duplicate'],
    message: 'Enter a different record from the one to keep',
  })

export const mergeSchema = z
  .object({
    keep: positiveId('Enter the ID of the record to keep'),
    duplicate: positiveId('Enter the ID of the duplicate record'),
    reason: reasonText('the records are being merged'),
    confirmConflict: z
      .string()
      .optional()
      .transform((v) => v === 'yes'),
  })
  .refine((v) => v.keep !== v.duplicate, {
    path: ['duplicate'],
    message: 'Enter a different record from the one to keep',
  })

export const AGENCY_KINDS: readonly Code[] = [
  { code: 'police', label: 'Police' },
  { code: 'health', label: 'Health' },
  { code: 'education', label: 'Education' },
  { code: 'probation', label: 'Probation' },
  { code: 'housing', label: 'Housing' },
  { code: 'local_authority', label: 'Local authority' },
  { code: 'voluntary', label: 'Voluntary or community' },
  { code: 'other', label: 'Other' },
]

export const REFERRAL_SOURCES: readonly Code[] = referralSourceList.codes

export type AgencyKind =
  'police' | 'health' | 'education' | 'probation' | 'housing' | 'local_authority' | 'voluntary' | 'other'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const agencySchema = z.object({
  name: z
    .string({ error: 'Enter the agency’s name' })
    .trim()
    .min(1, 'Enter the agency’s name')
    .max(200, 'The name must be 200 characters or fewer'),
  kind: z
    .string({ error: 'Select the kind of agency' })
    .refine((v) => codes(AGENCY_KINDS).includes(v), 'Select the kind of agency')
    .transform((v) => v as AgencyKind),
  referralSource: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine(
      (v) => v === null || codes(REFERRAL_SOURCES).includes(v),
      'Select a referral source from the list',
    ),
  phone: text(40, 'The phone number must be 40 characters or fewer').refine(
    (v) => v === null || /^[0-9 +()-]{6,40}$/.test(v),
    'Enter a phone number, like 01375 652 802',
  ),
  email: text(200, 'The email address must be 200 characters or fewer').refine(
    (v) => v === null || EMAIL.test(v),
    'Enter an email address in the correct format, like mash@police.example',
  ),
})
export type AgencyInput = z.output<typeof agencySchema>

export const TEAM_KINDS: readonly Code[] = [
  { code: 'front_door', label: 'Front door (MASH)' },
  { code: 'assessment', label: 'Assessment' },
  { code: 'safeguarding', label: 'Safeguarding' },
  { code: 'children_in_care', label: 'Children in care' },
  { code: 'leaving_care', label: 'Leaving care' },
  { code: 'early_help', label: 'Early help' },
  { code: 'partner_agency', label: 'Partner agency' },
  { code: 'performance', label: 'Performance' },
  { code: 'business_support', label: 'Business support' },
]

export const teamSchema = z.object({
  name: z
    .string({ error: 'Enter the team’s name' })
    .trim()
    .min(1, 'Enter the team’s name')
    .max(100, 'The name must be 100 characters or fewer'),
  kind: z
    .string({ error: 'Select the kind of team' })
    .refine((v) => codes(TEAM_KINDS).includes(v), 'Select the kind of team'),
})
export type TeamInput = z.output<typeof teamSchema>

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{1,15}$/.test(v) ? Number(v) : null))

export const teamManagerSchema = z.object({ managerId: optionalId })

/** A member of staff's team, agency (for partner practitioners) and job title. */
export const staffSchema = z.object({
  teamId: optionalId,
  agencyId: optionalId,
  jobTitle: text(100, 'The job title must be 100 characters or fewer'),
})
export type StaffInput = z.output<typeof staffSchema>

// ---------------------------------------------------------------------------------------------
// Restrictions (SEC-09). A restricted record is reached only through a grant naming the person.
// Every restriction has a category, a reason, an authoriser who is a team manager or service
// manager, and a review no more than 90 days out; a review continues it (to a new date no more
// than 90 days out) or lifts it with a reason. Dates are London dates.

export const RESTRICTION_CATEGORIES: readonly Code[] = [
  { code: 'high_profile', label: 'High profile' },
  { code: 'staff_conflict', label: 'Staff conflict of interest' },
  { code: 'adoption', label: 'Adoption' },
  { code: 'high_risk', label: 'High risk' },
  { code: 'practice_review', label: 'Serious case review or child safeguarding practice review' },
]
export type RestrictionCategory =
  'high_profile' | 'staff_conflict' | 'adoption' | 'high_risk' | 'practice_review'

/** The longest a restriction runs before it must be reviewed. */
export const RESTRICTION_REVIEW_MAX_DAYS = 90
/** A review due within this many days shows on the managers' report before it is overdue. */
export const RESTRICTION_REVIEW_SOON_DAYS = 14
/**
 * How long after its review date a grant given to the authoriser or reviewer lasts, so someone who
 * must review an overdue restriction can still open the record to do it.
 */
export const RESTRICTION_GRANT_DAYS_AFTER_REVIEW = 90
/** Who may authorise, review or lift a restriction. */
export const RESTRICTION_AUTHORISER_ROLES = ['team_manager', 'service_manager'] as const

export function canAuthoriseRestriction(role: string): boolean {
  return (RESTRICTION_AUTHORISER_ROLES as readonly string[]).includes(role)
}

/** A member of staff who might be named as the authoriser. */
export interface PossibleAuthoriser {
  id: number
  role: string
  disabled: boolean
}

/** Why this person cannot authorise a restriction, or null when they can. */
export function authoriserProblem(authoriser: PossibleAuthoriser | null): string | null {
  if (authoriser === null) return 'Select the manager who authorised the restriction'
  if (authoriser.disabled) return 'The authoriser’s account is disabled: select a current manager'
  if (!canAuthoriseRestriction(authoriser.role))
    return 'The authoriser must be a team manager or service manager'
  return null
}

/** The review date offered on the form: as far out as the rules allow. */
export function defaultReviewDue(today: string): string {
  return addCalendarDays(today, RESTRICTION_REVIEW_MAX_DAYS)
}

/** Why a review date is not allowed (from tomorrow up to 90 days from today), or null. */
export function reviewDueProblem(today: string, due: string): string | null {
  if (due <= today) return 'The review date must be in the future'
  const latest = addCalendarDays(today, RESTRICTION_REVIEW_MAX_DAYS)
  if (due > latest)
    return `The review date must be no more than ${RESTRICTION_REVIEW_MAX_DAYS} days from today, on or before ${longDate(latest)}`
  return null
}

export type ReviewStatus = 'overdue' | 'due_soon' | 'later'

/** Overdue once the review date has passed; due soon within 14 days (today included). */
export function reviewStatus(reviewDue: string, today: string): ReviewStatus {
  if (reviewDue < today) return 'overdue'
  if (reviewDue <= addCalendarDays(today, RESTRICTION_REVIEW_SOON_DAYS)) return 'due_soon'
  return 'later'
}

export function isReviewOverdue(reviewDue: string, today: string): boolean {
  return reviewStatus(reviewDue, today) === 'overdue'
}

/** The last London date a grant for a restriction reviewed by `reviewDue` counts on. */
export function restrictionGrantLastDay(reviewDue: string): string {
  return addCalendarDays(reviewDue, RESTRICTION_GRANT_DAYS_AFTER_REVIEW)
}

export interface RestrictionInput {
  category: RestrictionCategory
  reason: string
  authorisedBy: number
  reviewDue: string
}

/**
 * The restrict form. `authorisers` are the people who may be named (current team managers and
 * service managers); anyone else is refused, and the service checks the person again as it saves.
 */
export function restrictionSchema(today: string, authorisers: readonly PossibleAuthoriser[]) {
  return z
    .object({
      category: z.string().optional().default(''),
      reason: z.string().optional().default(''),
      authorisedBy: z.string().optional().default(''),
      ...dateParts('reviewDue'),
    })
    .transform((f, ctx): RestrictionInput => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
      if (!codes(RESTRICTION_CATEGORIES).includes(f.category))
        issue('category', 'Select why the record is restricted')
      const reason = f.reason.trim()
      if (reason.length < 3) issue('reason', 'Enter the reason for the restriction')
      else if (reason.length > 1000) issue('reason', 'The reason must be 1000 characters or fewer')
      const id = /^[1-9][0-9]{0,14}$/.test(f.authorisedBy.trim()) ? Number(f.authorisedBy.trim()) : null
      const problem = authoriserProblem(authorisers.find((a) => a.id === id) ?? null)
      if (problem) issue('authorisedBy', problem)
      const due = partsDate(f as Parts, 'reviewDue')
      if (due === 'empty') issue('reviewDue', 'Enter the date the restriction will be reviewed')
      else if (due === null) issue('reviewDue', 'The review date must be a real date')
      else {
        const dueProblem = reviewDueProblem(today, due)
        if (dueProblem) issue('reviewDue', dueProblem)
      }
      return {
        category: f.category as RestrictionCategory,
        reason,
        authorisedBy: id ?? 0,
        reviewDue: typeof due === 'string' && due !== 'empty' ? due : today,
      }
    })
}

export type RestrictionReview =
  { outcome: 'continue'; reviewDue: string; notes: string | null } | { outcome: 'lift'; reason: string }

/**
 * The review form: continue to a new date (no more than 90 days from today) or lift with a reason.
 * A restriction recorded before reviews has no reason on record, so continuing it needs one.
 */
export function restrictionReviewSchema(today: string, options: { needsReason: boolean }) {
  return z
    .object({
      outcome: z.string().optional().default(''),
      notes: z.string().optional().default(''),
      liftReason: z.string().optional().default(''),
      ...dateParts('reviewDue'),
    })
    .transform((f, ctx): RestrictionReview => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
      const notes = f.notes.trim()
      if (f.outcome === 'continue') {
        const due = partsDate(f as Parts, 'reviewDue')
        if (due === 'empty') issue('reviewDue', 'Enter the date of the next review')
        else if (due === null) issue('reviewDue', 'The date of the next review must be a real date')
        else {
          const problem = reviewDueProblem(today, due)
          if (problem) issue('reviewDue', problem.replace('The review date', 'The date of the next review'))
        }
        if (options.needsReason && notes.length < 3)
          issue('notes', 'Enter the reason the record stays restricted')
        else if (notes.length > 1000) issue('notes', 'The notes must be 1000 characters or fewer')
        return {
          outcome: 'continue',
          reviewDue: typeof due === 'string' && due !== 'empty' ? due : today,
          notes: notes || null,
        }
      }
      if (f.outcome === 'lift') {
        const reason = f.liftReason.trim()
        if (reason.length < 3) issue('liftReason', 'Enter why the restriction is being lifted')
        else if (reason.length > 1000) issue('liftReason', 'The reason must be 1000 characters or fewer')
        return { outcome: 'lift', reason }
      }
      issue('outcome', 'Select whether the restriction continues or is lifted')
      return { outcome: 'lift', reason: '' }
    })
}

/** Where each restriction form error sends the reader. */
export const RESTRICTION_FIELD_IDS: Record<string, string> = {
  category: 'category',
  reviewDue: 'reviewDue-day',
  outcome: 'outcome',
}

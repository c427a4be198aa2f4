/**
 * A child's record: the new child form, the search form and the details form. Pure: no I/O.
 *
 * The date rules follow the front-door issue: a child's date of birth is not in the future and
 * not more than 25 years ago (an older person is recorded as an adult); an unborn child has an
 * expected date instead.
 */
import { z } from 'zod'
import { addYears, dateFromParts, isOfSchoolAge, longDate } from '../../platform/calendar/dates.js'
import { dateBoxes, withReveals, type Reveal } from '../../platform/http/revealed.js'
import { codesOf, DISABILITY, ETHNICITY, OTHER_NAME_KINDS, UPN_UNKNOWN_REASONS } from './codes.js'
import { checkboxes, text, type Issue } from './form-fields.js'
import { isValidNhsNumber, isValidUpn } from './identifiers.js'
import { splitNameQuery } from './matching.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The oldest date of birth a child's record accepts on `today`: 25 years ago. */
export function earliestChildBirthDate(today: string): string {
  return addYears(today, -25)
}

// The new child form.

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/

/** A UK postcode in its usual form ("RM17 6SL"), or null if it is not one. */
export function normalisePostcode(value: string): string | null {
  const compact = value.toUpperCase().replace(/\s+/g, '')
  if (!POSTCODE.test(compact)) return null
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`
}

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
    .refine((v) => v === null || codesOf(ETHNICITY).includes(v), 'Select an ethnicity from the list'),
  disabilities: checkboxes.refine(
    (v) => v.every((c) => codesOf(DISABILITY).includes(c)),
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
    .refine((v) => v === null || codesOf(UPN_UNKNOWN_REASONS).includes(v), 'Select a reason from the list'),
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

/**
 * The identifier, UPN-unknown and disability rules a child's record keeps whether it is being
 * created or changed: NHS number modulus 11, UPN and former UPN check letters, a UPN or a reason
 * (for a born child), UN1 only below school age, ‘No disability’ alone.
 */
export function identifierRules(
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

/**
 * The schema for a new child (born or unborn) on `today` (YYYY-MM-DD, London). The date of birth
 * is asked under "Yes" (born) and the expected date under "No, the child is unborn": the date
 * under the answer not given is left out, not checked or saved.
 */
export function newChildSchema(today: string) {
  if (!ISO_DATE.test(today)) throw new Error(`today must be YYYY-MM-DD, not ${today}`)
  return withReveals(
    BIRTH_DATE_REVEALS,
    fields.transform((f, ctx): NewChild => {
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
            issue(
              'expectedDate',
              'Expected date of birth must be today or in the future: record a born child',
            )
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
    }),
  )
}

/** Which date the new child form asks under each answer to "Is the child born?". */
const BIRTH_DATE_REVEALS: readonly Reveal[] = [
  { name: 'kind', value: 'child', fields: dateBoxes('dateOfBirth') },
  { name: 'kind', value: 'unborn', fields: dateBoxes('expectedDate') },
]

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

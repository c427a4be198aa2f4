/**
 * Changing a child's record: addresses, relationships, other names, the birth and alerts. Pure:
 * no I/O. Details are changed with record-model's detailsSchema, which shares the new child's rules.
 */
import { z } from 'zod'
import { addCalendarDays, longDate } from '../../platform/calendar/dates.js'
import { dateBoxes, withReveals } from '../../platform/http/revealed.js'
import {
  ALERT_KINDS,
  codesOf,
  OTHER_NAME_KINDS,
  RELATIONSHIP_TYPES,
  SEX,
  type AlertKind,
  type RelationshipType,
} from './codes.js'
import { dateParts, partsDate, text, type Issue, type Parts } from './form-fields.js'
import { isValidNhsNumber } from './identifiers.js'
import { normalisePostcode } from './record-model.js'

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

/** The new adult's details, asked under "A new adult" on the relationship form. */
const NEW_ADULT_FIELDS = ['adultGivenName', 'adultFamilyName', 'adultSex', ...dateBoxes('dateOfBirth')]

/**
 * A family or household member of the child: "this person is the child's mother". Either a
 * person picked from a search (relatedPersonId) or a new adult (name, date of birth, sex), whose
 * details count only when "A new adult" is the choice: under a person picked, they are left out.
 */
export function relationshipSchema(today: string) {
  return withReveals(
    [{ name: 'relatedPersonId', value: 'new', fields: NEW_ADULT_FIELDS }],
    z
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
        if (!codesOf(RELATIONSHIP_TYPES).includes(f.relationshipType))
          issue('relationshipType', 'Select how this person is related to the child')
        let related: RelationshipInput['related'] = { id: 0 }
        if (f.relatedPersonId === '') issue('relatedPersonId', 'Select the person, or add a new adult')
        else if (f.relatedPersonId === 'new') {
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
      }),
  )
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
    .refine((v) => codesOf(OTHER_NAME_KINDS).includes(v), 'Select what kind of name it is')
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
      if (!codesOf(ALERT_KINDS).includes(f.kind)) issue('kind', 'Select the kind of alert')
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

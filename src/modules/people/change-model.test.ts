/** The rules for changing a record: birth, details, addresses, relationships, alerts, agencies. */
import { describe, expect, it } from 'vitest'
import {
  addressSchema,
  alertSchema,
  birthSchema,
  endDateSchema,
  isAlertCurrent,
  relationshipSchema,
} from './change-model.js'
import { agencySchema, mergeSchema } from './organisation-model.js'
import { detailsSchema } from './record-model.js'
import { addCalendarDays } from '../../platform/calendar/dates.js'

const TODAY = '2026-11-23'

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? {} : Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]))

const boxes = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return { [`${name}-day`]: String(d), [`${name}-month`]: String(m), [`${name}-year`]: String(y) }
}

describe('recording a birth', () => {
  const expected = '2027-01-10'
  const earliest = addCalendarDays(expected, -24 * 7) // 26 July 2026
  it.each<[string, string, string | null]>([
    ['born today', TODAY, null],
    ['born on the earliest day, 24 weeks before the expected date', earliest, null],
    [
      'born the day before that',
      addCalendarDays(earliest, -1),
      'Date of birth must be on or after 26 July 2026, 24 weeks before the expected date',
    ],
    ['born tomorrow', addCalendarDays(TODAY, 1), 'Date of birth must be today or in the past'],
  ])('%s', (_case, dob, error) => {
    const r = birthSchema(TODAY, expected).safeParse({ ...boxes('dateOfBirth', dob), sex: 'M' })
    expect(issues(r).dateOfBirth ?? null).toBe(error)
  })

  it('needs a date and a sex, and checks the NHS number', () => {
    expect(issues(birthSchema(TODAY, expected).safeParse({ nhsNumber: '943 476 5918' }))).toEqual({
      dateOfBirth: 'Enter the child’s date of birth',
      sex: 'Select the child’s sex',
      nhsNumber: 'Enter a real NHS number, like 943 476 5919',
    })
    const r = birthSchema(TODAY, null).safeParse({
      ...boxes('dateOfBirth', TODAY),
      sex: 'F',
      nhsNumber: '943 476 5919',
    })
    expect(r.success && r.data).toEqual({ dateOfBirth: TODAY, sex: 'F', nhsNumber: '9434765919' })
  })
})

describe('changing details', () => {
  const base = { givenName: 'Ava', familyName: 'Bramley', sex: 'F', upn: 'D823200012501' }
  it('keeps the identifier rules of a new child', () => {
    expect(
      issues(
        detailsSchema(TODAY, { kind: 'child', dateOfBirth: '2015-01-01' }).safeParse({ ...base, upn: '' }),
      ),
    ).toEqual({
      upn: 'Enter the child’s UPN, or select why it is not known',
    })
    expect(
      issues(
        detailsSchema(TODAY, { kind: 'child', dateOfBirth: '2015-01-01' }).safeParse({
          ...base,
          upn: '',
          upnUnknownReason: 'UN1',
        }),
      ),
    ).toEqual({ upnUnknownReason: 'The child is of school age: select another reason the UPN is not known' })
  })
  it('keeps an unborn child’s sex not known, and asks no UPN of an adult', () => {
    expect(
      issues(detailsSchema(TODAY, { kind: 'unborn', dateOfBirth: null }).safeParse({ ...base, upn: '' })),
    ).toEqual({
      sex: 'Select ‘Not known’ for an unborn child',
    })
    expect(
      detailsSchema(TODAY, { kind: 'adult', dateOfBirth: null }).safeParse({ ...base, upn: '' }).success,
    ).toBe(true)
  })
})

describe('addresses', () => {
  it('needs a first line and a start date not in the future; a correction may end it', () => {
    expect(
      issues(
        addressSchema(TODAY, { correction: false }).safeParse({
          ...boxes('fromDate', addCalendarDays(TODAY, 1)),
        }),
      ),
    ).toEqual({
      addressLine1: 'Enter the first line of the address',
      fromDate: 'The date they started living here must be today or in the past',
    })
    const r = addressSchema(TODAY, { correction: true }).safeParse({
      addressLine1: '1 Road',
      postcode: 'rm176sl',
      ...boxes('fromDate', '2020-01-01'),
      ...boxes('toDate', '2019-12-31'),
    })
    expect(issues(r)).toEqual({
      toDate: 'The date they left must be on or after the date they started living here',
    })
  })
})

describe('relationships', () => {
  it('takes a person picked by id, or a new adult with a name and sex', () => {
    const picked = relationshipSchema(TODAY).safeParse({ relatedPersonId: '42', relationshipType: 'sibling' })
    expect(picked.success && picked.data.related).toEqual({ id: 42 })
    expect(issues(relationshipSchema(TODAY).safeParse({ relationshipType: 'aunt' }))).toEqual({
      relationshipType: 'Select how this person is related to the child',
      relatedPersonId: 'Select the person, or add a new adult',
    })
    expect(
      issues(
        relationshipSchema(TODAY).safeParse({ relatedPersonId: 'new', relationshipType: 'aunt_or_uncle' }),
      ),
    ).toEqual({
      adultGivenName: 'Enter the adult’s first name',
      adultFamilyName: 'Enter the adult’s last name',
      adultSex: 'Select the adult’s sex',
    })
    const adult = relationshipSchema(TODAY).safeParse({
      relatedPersonId: 'new',
      adultGivenName: 'Sam',
      adultFamilyName: 'Bramley',
      adultSex: 'M',
      relationshipType: 'father',
      householdMember: 'yes',
    })
    expect(adult.success && adult.data).toEqual({
      related: { adult: { givenName: 'Sam', familyName: 'Bramley', dateOfBirth: null, sex: 'M' } },
      relationshipType: 'father',
      householdMember: true,
      fromDate: null,
    })
  })
  it('leaves out a new adult’s details under a person picked, and asks for a choice first', () => {
    const underPicked = relationshipSchema(TODAY).safeParse({
      relatedPersonId: '42',
      relationshipType: 'sibling',
      adultGivenName: 'x'.repeat(101),
      adultSex: 'Q',
      ...boxes('dateOfBirth', '2999-01-01'),
    })
    expect(underPicked.success && underPicked.data.related).toEqual({ id: 42 })
    // Details typed without choosing "A new adult" (possible without JavaScript) are not a choice.
    expect(
      issues(
        relationshipSchema(TODAY).safeParse({
          relationshipType: 'aunt_or_uncle',
          adultGivenName: 'Sam',
          adultFamilyName: 'Bramley',
          adultSex: 'M',
        }),
      ),
    ).toEqual({ relatedPersonId: 'Select the person, or add a new adult' })
  })
  it('ends on a date not before it began', () => {
    expect(issues(endDateSchema(TODAY, '2026-01-01').safeParse(boxes('toDate', '2025-12-31')))).toEqual({
      toDate: 'The date it ended must be on or after 1 January 2026, when it started',
    })
  })
})

describe('alerts', () => {
  it('starts today unless told, and ends on or after it starts', () => {
    const r = alertSchema(TODAY).safeParse({ kind: 'medical', summary: 'Epipen' })
    expect(r.success && r.data).toEqual({
      kind: 'medical',
      summary: 'Epipen',
      fromDate: TODAY,
      untilDate: null,
    })
    expect(
      issues(alertSchema(TODAY).safeParse({ kind: 'x', summary: ' ', ...boxes('untilDate', '2020-01-01') })),
    ).toEqual({
      kind: 'Select the kind of alert',
      summary: 'Enter what staff need to know',
      untilDate: 'The end date must be on or after the start date',
    })
  })
  it.each<[string, string | null, boolean]>([
    ['2026-11-23', null, true],
    ['2026-11-24', null, false],
    ['2026-01-01', '2026-11-23', true],
    ['2026-01-01', '2026-11-22', false],
  ])('from %s until %s is current today: %s', (from, until, current) => {
    expect(isAlertCurrent({ from_date: from, until_date: until }, TODAY)).toBe(current)
  })
})

describe('administration', () => {
  it('refuses merging a record into itself and a merge without a reason', () => {
    expect(issues(mergeSchema.safeParse({ keep: '3', duplicate: '3', reason: '' }))).toEqual({
      reason: 'Enter why the records are being merged',
      duplicate: 'Enter a different record from the one to keep',
    })
  })
  it('takes an agency’s referral source from the DfE list', () => {
    expect(agencySchema.safeParse({ name: 'Grays GP', kind: 'health', referralSource: '3A' }).success).toBe(
      true,
    )
    expect(
      issues(agencySchema.safeParse({ name: 'Grays GP', kind: 'health', referralSource: '3G' })),
    ).toEqual({
      referralSource: 'Select a referral source from the list',
    })
  })
})

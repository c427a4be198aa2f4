/** The new child form, postcodes and the search form. */
import { describe, expect, it } from 'vitest'
import { newChildSchema, normalisePostcode, searchSchema, type NewChildForm } from './record-model.js'

const TODAY = '2026-11-23'

/** A born child's form that passes every rule; each case below breaks one thing. */
const good: NewChildForm = {
  kind: 'child',
  givenName: 'Amelia',
  familyName: 'Okonjo',
  'dateOfBirth-day': '4',
  'dateOfBirth-month': '3',
  'dateOfBirth-year': '2019',
  sex: 'F',
  ethnicity: 'BAFR',
  disabilities: ['HEAR', 'VIS'],
  nhsNumber: '943 476 5919',
  upn: 'D823200012501',
  addressLine1: '1 Example Road',
  postcode: 'rm176sl',
}

const errorsOf = (form: Record<string, unknown>) => {
  const r = newChildSchema(TODAY).safeParse(form)
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]))
}

describe('a new child', () => {
  it('accepts a complete record, tidying the NHS number, UPN and postcode', () => {
    const r = newChildSchema(TODAY).parse(good)
    expect(r.dateOfBirth).toBe('2019-03-04')
    expect(r.nhsNumber).toBe('9434765919')
    expect(r.upn).toBe('D823200012501')
    expect(r.address).toEqual({ line1: '1 Example Road', line2: null, town: null, postcode: 'RM17 6SL' })
    expect(r.disabilities).toEqual(['HEAR', 'VIS'])
  })

  it.each<[string, Record<string, unknown>, string | null, string | null]>([
    // [case, change, field in error, message contains] — null: no error
    [
      'date of birth today',
      { 'dateOfBirth-day': '23', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2026' },
      null,
      null,
    ],
    [
      'date of birth tomorrow',
      { 'dateOfBirth-day': '24', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2026' },
      'dateOfBirth',
      'today or in the past',
    ],
    [
      'born exactly 25 years ago',
      { 'dateOfBirth-day': '23', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2001' },
      null,
      null,
    ],
    [
      'born 25 years and a day ago',
      { 'dateOfBirth-day': '22', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2001' },
      'dateOfBirth',
      '23 November 2001',
    ],
    [
      '31 February',
      { 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2020' },
      'dateOfBirth',
      'real date',
    ],
    [
      'no date of birth',
      { 'dateOfBirth-day': '', 'dateOfBirth-month': '', 'dateOfBirth-year': '' },
      'dateOfBirth',
      'Enter',
    ],
    ['NHS number without spaces', { nhsNumber: '9434765919' }, null, null],
    ['NHS number with a wrong check digit', { nhsNumber: '943 476 5918' }, 'nhsNumber', 'real NHS number'],
    ['NHS number of nine digits', { nhsNumber: '943476591' }, 'nhsNumber', 'real NHS number'],
    ['UPN in lower case', { upn: 'd823200012501' }, null, null],
    ['UPN with the wrong check letter', { upn: 'E823200012501' }, 'upn', 'real UPN'],
    ['no UPN but a reason', { upn: '', upnUnknownReason: 'UN2' }, null, null],
    ['no UPN and no reason', { upn: '' }, 'upn', 'select why'],
    ['a UPN and a reason', { upnUnknownReason: 'UN2' }, 'upnUnknownReason', 'not both'],
    [
      'UN1 for a child not yet of school age',
      { upn: '', upnUnknownReason: 'UN1', 'dateOfBirth-year': '2022' },
      null,
      null,
    ],
    ['UN1 for a child of school age', { upn: '', upnUnknownReason: 'UN1' }, 'upnUnknownReason', 'school age'],
    ['an unknown UPN reason', { upn: '', upnUnknownReason: 'UN8' }, 'upnUnknownReason', 'from the list'],
    ['former UPN valid', { formerUpn: 'D823200012501' }, null, null],
    ['former UPN invalid', { formerUpn: 'D823200012502' }, 'formerUpn', 'former UPN'],
    ['ethnicity not on the DfE list', { ethnicity: 'WXYZ' }, 'ethnicity', 'from the list'],
    ['ethnicity left out', { ethnicity: '' }, null, null],
    ['disability not on the list', { disabilities: ['HEAR', 'XYZ'] }, 'disabilities', 'from the list'],
    ['no disability, alone', { disabilities: 'NONE' }, null, null],
    ['no disability with another', { disabilities: ['NONE', 'HEAR'] }, 'disabilities', 'on its own'],
    ['sex U', { sex: 'U' }, null, null],
    ['sex 1 (the old 903 code)', { sex: '1' }, 'sex', 'Select'],
    ['no first name', { givenName: '  ' }, 'givenName', 'first name'],
    ['a first name of 101 letters', { givenName: 'a'.repeat(101) }, 'givenName', '100 characters'],
    ['a first name of 100 letters', { givenName: 'a'.repeat(100) }, null, null],
    ['a bad postcode', { postcode: 'RM17' }, 'postcode', 'real postcode'],
    ['a postcode without a first line', { addressLine1: '' }, 'addressLine1', 'first line'],
    [
      'an other name without its kind',
      { otherGivenName: 'Amy', otherFamilyName: 'Smith' },
      'otherNameKind',
      'kind of name',
    ],
    [
      'an other name with its kind',
      { otherGivenName: 'Amy', otherFamilyName: 'Smith', otherNameKind: 'known_as' },
      null,
      null,
    ],
  ])('%s', (_case, change, field, message) => {
    const errors = errorsOf({ ...good, ...change })
    if (field === null) expect(errors).toEqual({})
    else expect(errors[field]).toContain(message)
  })

  it('takes an expected date for an unborn child, whose sex is not known', () => {
    const unborn = {
      ...good,
      kind: 'unborn',
      'dateOfBirth-day': '',
      'dateOfBirth-month': '',
      'dateOfBirth-year': '',
      'expectedDate-day': '1',
      'expectedDate-month': '2',
      'expectedDate-year': '2027',
      sex: 'U',
      upn: '',
    }
    const r = newChildSchema(TODAY).parse(unborn)
    expect(r).toMatchObject({ kind: 'unborn', dateOfBirth: null, expectedBirthDate: '2027-02-01' })
    expect(errorsOf({ ...unborn, sex: 'F' }).sex).toContain('Not known')
    expect(errorsOf({ ...unborn, 'expectedDate-year': '2025' }).expectedDate).toContain('future')
    expect(errorsOf({ ...unborn, 'expectedDate-year': '2028' }).expectedDate).toContain('on or before')
  })

  it('reads only the date asked under the answer given to “Is the child born?”', () => {
    // Both dates are on the page without JavaScript; the one under the other answer is left out,
    // however it is filled in.
    const expectedToo = {
      'expectedDate-day': '1',
      'expectedDate-month': '2',
      'expectedDate-year': 'x'.repeat(11),
    }
    expect(newChildSchema(TODAY).parse({ ...good, ...expectedToo })).toMatchObject({
      dateOfBirth: '2019-03-04',
      expectedBirthDate: null,
    })
    const unborn = { ...good, kind: 'unborn', sex: 'U', upn: '', 'dateOfBirth-year': 'x'.repeat(11) }
    expect(
      newChildSchema(TODAY).parse({ ...unborn, ...expectedToo, 'expectedDate-year': '2027' }),
    ).toMatchObject({
      dateOfBirth: null,
      expectedBirthDate: '2027-02-01',
    })
    expect(errorsOf({ ...good, kind: undefined })).toEqual({
      kind: 'Select whether the child is born or unborn',
    })
  })
})

describe('postcodes', () => {
  it.each([
    ['rm17 6sl', 'RM17 6SL'],
    ['RM176SL', 'RM17 6SL'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['W1A0AX', 'W1A 0AX'],
    ['RM17', null],
    ['12345', null],
  ])('%s → %s', (given, expected) => {
    expect(normalisePostcode(given)).toBe(expected)
  })
})

describe('the search form', () => {
  it.each<[Record<string, string>, string | null]>([
    [{ name: 'Smith' }, null],
    [{ postcode: 'rm17' }, null],
    [{ identifier: '943 476 5919' }, null],
    [{ 'dateOfBirth-day': '1', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2020' }, null],
    [{}, 'name'],
    [{ 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2020' }, 'dateOfBirth'],
    [{ postcode: 'RM17 6SL!' }, 'postcode'],
    [{ name: 'x'.repeat(101) }, 'name'],
  ])('%j → error on %s', (query, field) => {
    const r = searchSchema.safeParse(query)
    if (field === null) expect(r.success).toBe(true)
    else expect(r.success ? null : r.error.issues[0]?.path[0]).toBe(field)
  })
})

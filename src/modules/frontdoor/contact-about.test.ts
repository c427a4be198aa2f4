/** What a contact says beyond the concern, checked: follow-ups, limits, and the described child. */
import { describe, expect, it } from 'vitest'
import {
  adultRowsIn,
  birthParts,
  contactAboutSchema,
  describedNewChild,
  describedSearch,
  parseAdults,
  postcodeIn,
} from './model.js'

const messages = (answers: Record<string, string>) => {
  const parsed = contactAboutSchema.safeParse(answers)
  return parsed.success
    ? {}
    : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]))
}

describe('whether the child is safe now, school, GP, interpreter and the child’s words', () => {
  it('asks whether the child is safe now, and takes "Not known" with nothing else', () => {
    expect(messages({})).toEqual({ childSafeNow: 'Select whether the child is safe now' })
    expect(messages({ childSafeNow: '' })).toEqual({ childSafeNow: 'Select whether the child is safe now' })
    // Asked alongside the form's other errors, not after them.
    expect(messages({ interpreter: 'yes' })).toEqual({
      childSafeNow: 'Select whether the child is safe now',
      interpreterLanguage: 'Enter the language the interpreter is needed for',
    })
    expect(contactAboutSchema.parse({ childSafeNow: 'not_known' })).toEqual({
      childSafeNow: 'not_known',
      childSafeDetail: null,
      schoolAgencyId: null,
      schoolName: null,
      gpAgencyId: null,
      gpName: null,
      interpreterLanguage: null,
      childWords: null,
    })
  })

  it.each([
    [{ childSafeNow: 'yes' }, 'childSafeYes', 'Enter what makes the child safe now'],
    [{ childSafeNow: 'no' }, 'childSafeNo', 'Enter what puts the child at risk now, and what has been done'],
    [{ childSafeNow: 'maybe' }, 'childSafeNow', 'Select whether the child is safe now'],
    [{ interpreter: 'yes' }, 'interpreterLanguage', 'Enter the language the interpreter is needed for'],
    [
      { schoolAgencyId: '3', schoolName: 'Typed' },
      'schoolName',
      'Select the school from the list or type its name, not both',
    ],
    [
      { gpAgencyId: '4', gpName: 'Typed' },
      'gpName',
      'Select the GP practice from the list or type its name, not both',
    ],
    [{ schoolAgencyId: '1.5' }, 'schoolAgencyId', 'Select the school from the list'],
  ])('asks for what is missing: %o', (answers, field, message) => {
    expect(messages(answers)[field]).toBe(message)
  })

  it('keeps only the follow-up under the answer chosen', () => {
    const about = contactAboutSchema.parse({
      childSafeNow: 'no',
      childSafeYes: 'Under yes, not chosen',
      childSafeNo: 'Lives with the alleged perpetrator',
      interpreter: 'no',
      interpreterLanguage: 'Under yes, not chosen',
    })
    expect(about.childSafeDetail).toBe('Lives with the alleged perpetrator')
    expect(about.interpreterLanguage).toBeNull()
    expect(
      contactAboutSchema.parse({ childSafeNow: 'not_known', childSafeNo: 'x' }).childSafeDetail,
    ).toBeNull()
  })

  it.each([
    [
      'childSafeYes',
      4000,
      { childSafeNow: 'yes' },
      'What makes the child safe now must be 4,000 characters or fewer',
    ],
    ['schoolName', 200, {}, "School's name must be 200 characters or fewer"],
    ['gpName', 200, {}, "GP practice's name must be 200 characters or fewer"],
    ['interpreterLanguage', 100, { interpreter: 'yes' }, 'Language must be 100 characters or fewer'],
    ['childWords', 10_000, {}, 'The child’s own words must be 10,000 characters or fewer'],
  ])('takes %s up to %i characters and no more', (field, max, base, message) => {
    expect(messages({ ...base, [field]: 'x'.repeat(max) })[field]).toBeUndefined()
    expect(messages({ ...base, [field]: 'x'.repeat(max + 1) })[field]).toBe(message)
  })
})

describe('the adults involved', () => {
  it('reads each row given, skips an empty one, and marks the alleged perpetrator', () => {
    const parsed = parseAdults(
      {
        adult1Name: ' Dana Reed ',
        adult1Relationship: 'Mother',
        adult3Name: 'Lee Dawson',
        adult3Relationship: 'Mother’s partner',
        adult3Perpetrator: 'yes',
        adult3PersonId: '42',
      },
      3,
    )
    expect(parsed).toEqual({
      ok: true,
      adults: [
        { name: 'Dana Reed', relationship: 'Mother', allegedPerpetrator: false, personId: null },
        { name: 'Lee Dawson', relationship: 'Mother’s partner', allegedPerpetrator: true, personId: 42 },
      ],
    })
  })

  it('asks for the name and the relationship together, and takes 200 characters of each', () => {
    const parsed = parseAdults(
      {
        adult1Name: 'Only a name',
        adult2Relationship: 'Uncle',
        adult3Name: 'x'.repeat(201),
        adult3Relationship: 'y',
      },
      3,
    )
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.issues).toEqual([
      {
        field: 'adult1Relationship',
        text: 'Enter adult 1’s relationship to the child, like mother or mother’s partner',
      },
      { field: 'adult2Name', text: 'Enter adult 2’s name, or clear their row' },
      { field: 'adult3Name', text: 'Adult 3’s name must be 200 characters or fewer' },
    ])
    expect(parseAdults({ adult1Name: 'x'.repeat(200), adult1Relationship: 'Aunt' }, 1).ok).toBe(true)
  })

  it('refuses a record id that is not one', () => {
    const parsed = parseAdults({ adult1Name: 'A', adult1Relationship: 'B', adult1PersonId: '1e3' }, 1)
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.field)).toEqual(['adult1PersonId'])
  })

  it('shows between one and ten rows', () => {
    expect(adultRowsIn({})).toBe(1)
    expect(adultRowsIn({ adultRows: '4' })).toBe(4)
    expect(adultRowsIn({ adultRows: '99' })).toBe(10)
    expect(adultRowsIn({ adultRows: '-1' })).toBe(1)
  })
})

describe('what a contact says about a child, for the search and the new record', () => {
  it('reads a date of birth as written, and nothing else', () => {
    expect(birthParts('14 3 2019')).toEqual({ day: '14', month: '3', year: '2019' })
    expect(birthParts('05 March 2019')).toEqual({ day: '5', month: '3', year: '2019' })
    expect(birthParts('about 6')).toBeNull()
    expect(birthParts('31 2 2019')).toBeNull()
    expect(birthParts(null)).toBeNull()
  })

  it('finds the postcode in an address', () => {
    expect(postcodeIn('4 Example Row, Grays rm17 6sl')).toBe('RM17 6SL')
    expect(postcodeIn('4 Example Row, Grays')).toBeNull()
  })

  it('fills the search and the new record', () => {
    const described = {
      described_name: 'Poppy May Marchetti',
      described_birth: '14/03/2019',
      described_address: '9 Quay Lane, Tilbury RM18 7AB',
    }
    expect(describedSearch(described)).toEqual({
      childQuery: 'Poppy May Marchetti',
      'dateOfBirth-day': '14',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '2019',
      postcode: 'RM18 7AB',
      identifier: '',
    })
    expect(describedNewChild(described)).toEqual({
      givenName: 'Poppy May',
      familyName: 'Marchetti',
      'dateOfBirth-day': '14',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '2019',
      addressLine1: '9 Quay Lane, Tilbury',
      postcode: 'RM18 7AB',
    })
    expect(
      describedNewChild({ described_name: 'Poppy', described_birth: 'about 6', described_address: null }),
    ).toEqual({
      familyName: 'Poppy',
    })
  })
})

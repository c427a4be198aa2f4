import { describe, expect, it } from 'vitest'
import { englandAndWales } from '../../../platform/calendar/working-days.js'
import { parseCollectionYear } from '../collection-year.js'
import { buildCinChild, cinHeaderFor, cinText, RowNumbers } from '../cin/census.js'
import { validateCin } from '../cin/validate.js'
import { cinXmlString } from '../cin/xml-write.js'
import { readCinString } from '../cin/xml-read.js'
import {
  cinRecordsOf,
  initialConferenceTarget,
  type ChildrenRecords,
  type PersonRow,
  type ReferralRow,
} from './model.js'

const year = parseCollectionYear('2025/26')

const person = (over: Partial<PersonRow> = {}): PersonRow => ({
  id: 7,
  laChildId: '883C00000007',
  kind: 'child',
  dateOfBirth: '2015-06-15',
  expectedBirthDate: null,
  sex: 'F',
  ethnicity: 'WBRI',
  disabilities: [],
  upn: 'X883100011001',
  upnUnknownReason: null,
  dateOfDeath: null,
  ...over,
})

const referral = (over: Partial<ReferralRow> = {}): ReferralRow => ({
  id: 1,
  childId: 7,
  referralDate: '2025-05-01',
  source: '1A',
  nfa: false,
  closedOn: null,
  closureCode: null,
  ...over,
})

const none: ChildrenRecords = {
  referrals: [],
  assessments: [],
  section47s: [],
  cinPlans: [],
  cpPlans: [],
  cpReviews: [],
}

const recordsOf = (records: Partial<ChildrenRecords>, p: PersonRow = person()) =>
  (
    cinRecordsOf([p], { ...none, ...records }, englandAndWales)[0] as {
      records: ReturnType<typeof cinRecordsOf>[0]['records']
    }
  ).records

describe('the initial conference target', () => {
  it.each([
    // 2 May 2025 is a Friday and 5 May the early May bank holiday: the 2nd is day 1, the 23rd day 15.
    ['2025-05-02', '2025-05-23'],
    // A Saturday start counts from the Monday; 26 May is the spring bank holiday.
    ['2025-05-10', '2025-06-02'],
    // Across Christmas: 25 and 26 December and 1 January are not working days.
    ['2025-12-15', '2026-01-07'],
  ])('from a section 47 started on %s is %s', (start, target) => {
    expect(initialConferenceTarget(start, englandAndWales)).toBe(target)
  })
})

describe("a child's CIN census record from Haven's records", () => {
  it('closes a referral with no further action at the front door with RC7 on the day it closed', () => {
    const r = recordsOf({
      referrals: [referral({ nfa: true, closedOn: '2025-05-01' })],
    })
    expect(r.referrals[0]).toMatchObject({ nfa: true, closureDate: '2025-05-01', closureReason: 'RC7' })
  })

  it('takes the coded closure reason, and leaves a case closed without one for the rules to report', () => {
    const coded = recordsOf({ referrals: [referral({ closedOn: '2025-09-01', closureCode: 'RC8' })] })
    expect(coded.referrals[0]?.closureReason).toBe('RC8')
    const none = recordsOf({ referrals: [referral({ closedOn: '2025-09-01', closureCode: null })] })
    expect(none.referrals[0]?.closureReason).toBeNull()
  })

  it('puts a record without a referral on the latest referral made on or before it started', () => {
    const r = recordsOf({
      referrals: [
        referral({ id: 1, referralDate: '2024-01-10', closedOn: '2024-03-01', closureCode: 'RC8' }),
        referral({ id: 2, referralDate: '2025-05-01' }),
      ],
      assessments: [
        {
          childId: 7,
          referralId: null,
          start: '2024-01-11',
          authorised: '2024-02-20',
          factors: ['2B'],
          primaryNeed: 'N2',
        },
        {
          childId: 7,
          referralId: null,
          start: '2025-05-02',
          authorised: null,
          factors: [],
          primaryNeed: 'N1',
        },
      ],
    })
    expect(r.referrals.map((e) => e.assessments.map((a) => a.start))).toEqual([
      ['2024-01-11'],
      ['2025-05-02'],
    ])
    expect(r.referrals.map((e) => e.primaryNeed)).toEqual(['N2', 'N1'])
  })

  it("takes the primary need of the referral's latest authorised assessment", () => {
    const r = recordsOf({
      referrals: [referral()],
      assessments: [
        {
          childId: 7,
          referralId: 1,
          start: '2025-05-02',
          authorised: '2025-06-01',
          factors: ['2B'],
          primaryNeed: 'N2',
        },
        { childId: 7, referralId: 1, start: '2025-07-01', authorised: null, factors: [], primaryNeed: 'N5' },
      ],
    })
    expect(r.referrals[0]?.primaryNeed).toBe('N2')
  })

  it('counts earlier CP plans and sorts reviews', () => {
    const r = recordsOf({
      referrals: [
        referral({ id: 1, referralDate: '2023-01-05', closedOn: '2024-01-01', closureCode: 'RC7' }),
        referral({ id: 2 }),
      ],
      cpPlans: [
        {
          id: 20,
          childId: 7,
          referralId: 2,
          start: '2025-05-22',
          end: null,
          initialCategory: 'NEG',
          latestCategory: 'EMO',
        },
        {
          id: 10,
          childId: 7,
          referralId: 1,
          start: '2023-02-01',
          end: '2023-12-01',
          initialCategory: 'PHY',
          latestCategory: 'PHY',
        },
      ],
      cpReviews: [
        { planId: 20, date: '2025-11-20' },
        { planId: 20, date: '2025-08-14' },
      ],
    })
    expect(r.referrals[1]?.cpPlans).toEqual([
      {
        start: '2025-05-22',
        end: null,
        initialCategory: 'NEG',
        latestCategory: 'EMO',
        previousPlans: 1,
        reviews: ['2025-08-14', '2025-11-20'],
      },
    ])
  })

  it('gives an unborn child an expected date of birth only, and a reason for no UPN', () => {
    const r = recordsOf(
      { referrals: [referral()] },
      person({
        kind: 'unborn',
        dateOfBirth: null,
        expectedBirthDate: '2026-02-01',
        upn: null,
        upnUnknownReason: 'UN1',
        sex: 'U',
      }),
    )
    expect(r).toMatchObject({
      dateOfBirth: null,
      expectedDateOfBirth: '2026-02-01',
      upn: null,
      upnUnknown: 'UN1',
    })
  })

  it.each([
    ['born during the year: its date of birth and sex', '2025-09-10', 'F', ['2025-09-10', null, 'F']],
    [
      'born after the year: unborn on 31 March, as it then stood',
      '2026-04-20',
      'F',
      [null, '2026-05-01', 'U'],
    ],
    ['still unborn', null, 'U', [null, '2026-05-01', 'U']],
  ] as const)('writes a child %s', (_name, born, sex, [dob, expected, written]) => {
    const r = recordsOf(
      { referrals: [referral()] },
      person({
        kind: born === null ? 'unborn' : 'child',
        dateOfBirth: born,
        expectedBirthDate: '2026-05-01',
        upn: null,
        upnUnknownReason: 'UN1',
        sex,
      }),
    )
    const text = cinText(r, year)
    expect([
      text?.identifiers.PersonBirthDate ?? null,
      text?.identifiers.ExpectedPersonBirthDate ?? null,
      text?.identifiers.Sex,
    ]).toEqual([dob, expected, written])
  })

  it('gives a child recorded through the journey a census record the 2025/26 rules find no error in', async () => {
    const r = recordsOf({
      referrals: [referral()],
      assessments: [
        {
          childId: 7,
          referralId: 1,
          start: '2025-05-02',
          authorised: '2025-06-10',
          factors: ['2B', '3A'],
          primaryNeed: 'N1',
        },
      ],
      section47s: [
        {
          childId: 7,
          referralId: 1,
          start: '2025-05-06',
          icpc: '2025-05-22',
          icpcNotRequired: false,
          completed: null,
        },
      ],
      cpPlans: [
        {
          id: 1,
          childId: 7,
          referralId: 1,
          start: '2025-05-22',
          end: null,
          initialCategory: 'NEG',
          latestCategory: 'NEG',
        },
      ],
      cpReviews: [{ planId: 1, date: '2025-08-14' }],
    })
    const text = cinText(r, year)
    expect(text).not.toBeNull()
    const xml = cinXmlString(cinHeaderFor(year, '883'), [buildCinChild(text!, new RowNumbers())])
    const result = await validateCin(readCinString(xml), year.label)
    expect(result.findings.filter((f) => f.type === 'error')).toEqual([])
    expect(xml).toContain('<InitialCPCtarget>2025-05-27</InitialCPCtarget>')
  })
})

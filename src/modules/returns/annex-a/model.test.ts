import { describe, expect, it } from 'vitest'
import {
  ageInYears,
  ANNEX_A_LISTS,
  annexADate,
  annexAEthnicity,
  annexAGender,
  annexAList,
  annexAReferralNfa,
  choosePeriod,
  contactRow,
  earlyHelpRow,
  PeriodError,
  periodWords,
  referralRow,
  assessmentRow,
  cpPlanRow,
  twelveMonthsTo,
  caseStatus,
  childInNeedRow,
  section47Row,
  type AssessmentRecord,
  type ChildInNeedRecord,
  type Section47Record,
  type CpPlanRecord,
  type ContactRecord,
  type ReferralRecord,
} from './model.js'

const COMMON = ['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)']

describe('the lists and their columns (returns-and-kpis.md §b.3)', () => {
  it('are lists 1 to 7 in Ofsted’s order, one sheet each', () => {
    expect(ANNEX_A_LISTS.map((l) => [l.number, l.sheet, l.title])).toEqual([
      [1, 'List 1', 'Contacts'],
      [2, 'List 2', 'Early help'],
      [3, 'List 3', 'Referrals'],
      [4, 'List 4', 'Assessments'],
      [5, 'List 5', 'Section 47 enquiries and ICPCs'],
      [6, 'List 6', 'Children in need'],
      [7, 'List 7', 'Child protection'],
    ])
  })

  it.each([
    [1, [...COMMON, 'Date of Contact', 'Contact Source']],
    [
      3,
      [
        ...COMMON,
        'Date of referral',
        'Referral Source',
        'Referral NFA?',
        'Number of Referrals in Last 12 Months',
        'Allocated Team',
        'Allocated Worker',
      ],
    ],
  ] as const)('list %i has exactly Ofsted’s columns, in order', (n, columns) => {
    expect(annexAList(n).columns).toEqual(columns)
  })

  it('starts every list with the common columns', () => {
    for (const l of ANNEX_A_LISTS) expect(l.columns.slice(0, 5)).toEqual(COMMON)
  })

  it.each([
    [1, ['Date of Birth', 'Date of Contact']],
    [3, ['Date of Birth', 'Date of referral']],
    [
      7,
      [
        'Date of Birth',
        'Child Protection Plan Start Date',
        'Date of the Last Statutory Visit',
        'Date of latest review conference',
        'Child Protection Plan End Date',
      ],
    ],
  ] as const)('list %i writes these columns as dates', (n, dates) => {
    expect(annexAList(n).dateColumns).toEqual(dates)
  })

  it.each([
    [
      5,
      [
        'Date of Birth',
        'Strategy discussion initiating Section 47 Enquiry Start Date',
        'Date of Initial Child Protection Conference',
      ],
    ],
    [6, ['Date of Birth', 'CIN Start Date', 'Date Child Was Last Seen', 'CIN Closure Date']],
  ] as const)('list %i writes these columns as dates', (n, dates) => {
    expect(annexAList(n).dateColumns).toEqual(dates)
  })

  it('names the module each list comes from', () => {
    expect(ANNEX_A_LISTS.map((l) => [l.number, l.module])).toEqual([
      [1, 'frontdoor'],
      [2, 'earlyhelp'],
      [3, 'frontdoor'],
      [4, 'assessment'],
      [5, 'protection'],
      [6, 'frontdoor'],
      [7, 'protection'],
    ])
  })
})

describe('values', () => {
  it.each([
    ['2025-04-01', '01/04/2025'],
    ['2026-12-31', '31/12/2026'],
    ['2024-02-29', '29/02/2024'],
    [null, null],
  ])('writes the date %s as %s', (iso, text) => {
    expect(annexADate(iso)).toBe(text)
  })

  it('refuses what is not an ISO date', () => {
    expect(() => annexADate('01/04/2025')).toThrow(/Not a date/)
  })

  it.each([
    ['M', 'a) Male'],
    ['F', 'b) Female'],
    ['U', 'c) Not stated/recorded'],
    [null, 'c) Not stated/recorded'],
  ] as const)('writes sex %s as Gender %s', (sex, gender) => {
    expect(annexAGender(sex)).toBe(gender)
  })

  it.each([
    [true, 'a) Yes'],
    [false, 'b) No'],
    [null, 'c) Unknown'],
  ])('writes Referral NFA %s as %s', (nfa, text) => {
    expect(annexAReferralNfa(nfa)).toBe(text)
  })

  it.each([
    ['WBRI', 'WBRI'],
    ['BAFR', 'BAFR'],
    [null, 'NOBT'],
  ])('writes ethnicity %s as %s', (code, text) => {
    expect(annexAEthnicity(code)).toBe(text)
  })

  it.each([
    ['2015-06-15', '2025-06-14', 9],
    ['2015-06-15', '2025-06-15', 10],
    ['2015-06-15', '2025-12-01', 10],
    ['2016-02-29', '2025-02-28', 8],
    ['2016-02-29', '2025-03-01', 9],
    ['2025-06-15', '2025-06-15', 0],
    ['2025-06-16', '2025-06-15', null],
    [null, '2025-06-15', null],
  ])('a child born %s is %s years old on %s', (born, on, age) => {
    expect(ageInYears(born, on)).toBe(age)
  })
})

describe('rows', () => {
  const child = { childId: 'DEMO1001', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2015-06-15' } as const

  it('gives a contact’s row in list 1’s column order, the age on the contact’s date', () => {
    const contact: ContactRecord = { ...child, contactDate: '2025-06-14', source: '2A' }
    const row = contactRow(contact)
    expect(row).toHaveLength(annexAList(1).columns.length)
    expect(row).toEqual(['DEMO1001', 'b) Female', 'WBRI', '15/06/2015', 9, '14/06/2025', '2A'])
  })

  it('gives a referral’s row in list 3’s column order', () => {
    const referral: ReferralRecord = {
      ...child,
      sex: null,
      ethnicity: null,
      referralDate: '2026-03-31',
      source: '6',
      nfa: false,
      referralsInLast12Months: 2,
      team: 'Assessment Team',
      worker: 'Sam Worker',
    }
    const row = referralRow(referral)
    expect(row).toHaveLength(annexAList(3).columns.length)
    expect(row).toEqual([
      'DEMO1001',
      'c) Not stated/recorded',
      'NOBT',
      '15/06/2015',
      10,
      '31/03/2026',
      '6',
      'b) No',
      2,
      'Assessment Team',
      'Sam Worker',
    ])
  })

  it('gives an assessment’s row in list 4’s column order', () => {
    const assessment: AssessmentRecord = {
      ...child,
      disabilities: ['NONE'],
      startDate: '2025-05-02',
      seenOn: '2025-05-06',
      authorisedDate: '2025-06-20',
      outcome: 'cin_plan',
      team: 'Assessment Team',
      worker: 'Sam Worker',
    }
    const row = assessmentRow(assessment)
    expect(row).toHaveLength(annexAList(4).columns.length)
    expect(row).toEqual([
      'DEMO1001',
      'b) Female',
      'WBRI',
      '15/06/2015',
      9,
      'b) No',
      '02/05/2025',
      'a) Yes',
      '20/06/2025',
      'a) Yes',
      'Assessment Team',
      'Sam Worker',
    ])
    // Not seen, not yet authorised: the outcome is not known, so the last question is left empty.
    const open = assessmentRow({
      ...assessment,
      disabilities: ['HAND'],
      seenOn: null,
      authorisedDate: null,
      outcome: null,
    })
    expect(open.slice(5, 10)).toEqual(['a) Yes', '02/05/2025', 'b) No', null, null])
    expect(assessmentRow({ ...assessment, outcome: 'no_further_action' })[9]).toBe('b) No')
  })

  it('gives a CP plan’s row in list 7’s column order', () => {
    const plan: CpPlanRecord = {
      ...child,
      disabilities: null,
      startDate: '2025-05-22',
      initialCategory: 'NEG',
      latestCategory: 'EMO',
      lastVisitOn: '2025-09-01',
      lastVisitSeenAlone: false,
      lastReviewOn: '2025-08-14',
      endDate: null,
      emergencyProtection: true,
      previousPlans: 1,
      team: 'Child Protection Team',
      worker: 'Sam Worker',
    }
    const row = cpPlanRow(plan)
    expect(row).toHaveLength(annexAList(7).columns.length)
    expect(row).toEqual([
      'DEMO1001',
      'b) Female',
      'WBRI',
      '15/06/2015',
      9,
      'b) No',
      '22/05/2025',
      'NEG',
      'EMO',
      '01/09/2025',
      'b) No',
      '14/08/2025',
      null,
      'Y',
      1,
      'Child Protection Team',
      'Sam Worker',
    ])
    expect(
      cpPlanRow({ ...plan, lastVisitOn: null, lastVisitSeenAlone: null, emergencyProtection: false }).slice(
        9,
        14,
      ),
    ).toEqual([null, null, '14/08/2025', null, 'N'])
  })

  it('writes an enquiry’s row: a conference not yet decided or held is empty, not "No"', () => {
    const enquiry: Section47Record = {
      ...child,
      disabilities: ['MOB'],
      startDate: '2025-07-01',
      decided: true,
      icpcNotRequired: false,
      icpcDate: '2025-07-18',
      icpcDecision: 'plan',
      section47sInLast12Months: 2,
      icpcsInLast12Months: 1,
      team: 'Child Protection Team',
      worker: 'Sam Worker',
    }
    const row = section47Row(enquiry)
    expect(row).toHaveLength(annexAList(5).columns.length)
    expect(row).toEqual([
      'DEMO1001',
      'b) Female',
      'WBRI',
      '15/06/2015',
      10,
      'a) Yes',
      '01/07/2025',
      'b) No',
      '18/07/2025',
      'a) Yes',
      2,
      1,
      'Child Protection Team',
      'Sam Worker',
    ])
    const open = { ...enquiry, decided: false, icpcDate: null, icpcDecision: null }
    expect(section47Row(open).slice(7, 10)).toEqual([null, null, null])
    const none = { ...enquiry, icpcNotRequired: true, icpcDate: null, icpcDecision: null }
    expect(section47Row(none).slice(7, 10)).toEqual(['a) Yes', null, null])
    expect(section47Row({ ...enquiry, icpcDecision: 'no_plan' })[9]).toBe('b) No')
  })

  it('writes an early help assessment’s row: not completed yet is empty', () => {
    const assessment = {
      ...child,
      disabilities: null,
      startDate: '2026-03-02',
      completedDate: '2026-04-20',
      organisation: 'Little Thurrock Primary School',
    }
    expect(earlyHelpRow(assessment)).toHaveLength(annexAList(2).columns.length)
    expect(earlyHelpRow(assessment).slice(4)).toEqual([
      10,
      'b) No',
      '02/03/2026',
      '20/04/2026',
      'Little Thurrock Primary School',
    ])
    expect(earlyHelpRow({ ...assessment, completedDate: null }).slice(7)).toEqual([
      null,
      'Little Thurrock Primary School',
    ])
  })

  it('writes a child in need episode’s row with its case status at the period’s end', () => {
    const episode: ChildInNeedRecord = {
      ...child,
      disabilities: [],
      referralDate: '2025-06-14',
      primaryNeed: 'N1',
      lastSeenOn: '2025-09-02',
      closedOn: null,
      closureReason: null,
      onCpPlan: true,
      onCinPlan: true,
      openAssessment: true,
      team: 'Assessment Team',
      worker: null,
    }
    const row = childInNeedRow(episode)
    expect(row).toHaveLength(annexAList(6).columns.length)
    expect(row).toEqual([
      'DEMO1001',
      'b) Female',
      'WBRI',
      '15/06/2015',
      9,
      'b) No',
      '14/06/2025',
      'N1',
      '02/09/2025',
      null,
      null,
      'b) Child Protection plan',
      'Assessment Team',
      null,
    ])
    expect(caseStatus({ ...episode, onCpPlan: false })).toBe('c) Child in need plan')
    const noPlan = { ...episode, onCpPlan: false, onCinPlan: false }
    expect(caseStatus(noPlan)).toBe('d) Open assessment')
    expect(caseStatus({ ...noPlan, openAssessment: false })).toBeNull()
    const closed = { ...episode, closedOn: '2025-10-01', closureReason: 'RC8' }
    expect(childInNeedRow(closed).slice(9, 12)).toEqual(['01/10/2025', 'RC8', 'e) Closed episode'])
  })

  it('leaves an unborn child’s date of birth and age empty', () => {
    const row = contactRow({ ...child, dateOfBirth: null, contactDate: '2025-06-14', source: '3B' })
    expect(row.slice(3, 5)).toEqual([null, null])
  })
})

describe('the period', () => {
  it.each([
    [undefined, '2026-03-31', { from: '2025-04-01', to: '2026-03-31' }],
    [undefined, undefined, { from: '2025-12-06', to: '2026-12-05' }],
    ['2025-10-01', '2026-03-31', { from: '2025-10-01', to: '2026-03-31' }],
    ['2026-03-31', '2026-03-31', { from: '2026-03-31', to: '2026-03-31' }],
  ])('from %s to %s is %j (today 5 December 2026)', (from, to, period) => {
    expect(choosePeriod(from, to, '2026-12-05')).toEqual(period)
  })

  it.each([
    ['2024-02-29', '2023-03-01'],
    ['2025-02-28', '2024-02-29'],
    ['2026-01-31', '2025-02-01'],
  ])('the 12 months to %s start on %s', (to, from) => {
    expect(twelveMonthsTo(to)).toBe(from)
  })

  it.each([
    ['2026-04-01', '2026-03-31', /starts \(2026-04-01\) after it ends/],
    ['2026-02-30', '2026-03-31', /start of the period must be a date/],
    [undefined, '31/03/2026', /end of the period must be a date/],
  ])('refuses from %s to %s', (from, to, message) => {
    expect(() => choosePeriod(from, to, '2026-12-05')).toThrow(PeriodError)
    expect(() => choosePeriod(from, to, '2026-12-05')).toThrow(message)
  })

  it('says the period in words', () => {
    expect(periodWords({ from: '2025-04-01', to: '2026-03-31' })).toBe('1 April 2025 to 31 March 2026')
  })
})

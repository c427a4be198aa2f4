import { describe, expect, it } from 'vitest'
import { evaluateClocks, STATUTORY_CLOCKS, type CaseEvent } from '../../platform/calendar/clocks.js'
import { englandAndWales as cal } from '../../platform/calendar/working-days.js'
import {
  attendanceSchema,
  compulsorySchoolAge,
  exclusionSchema,
  exclusionSummary,
  missingRefusal,
  nextPepDue,
  pepRefusal,
  pepSchema,
  schoolRefusal,
  schoolSchema,
  schoolSummary,
  schoolYearOf,
  schoolYearText,
  sessionsPercent,
  termOf,
  yearGroup,
  yearGroupText,
} from './education-model.js'

const today = '2026-03-20'
const day = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y,
  }
}
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message])

describe('the PEP’s clocks', () => {
  const peps = STATUTORY_CLOCKS.filter((d) => d.code.startsWith('pep-'))
  let id = 1
  const event = (type: string, occurredAt: string): CaseEvent => ({
    id: id++,
    childId: 'C1',
    subjectType: 'period_of_care',
    subjectId: 'P1',
    type,
    occurredAt,
  })

  it('owes the first PEP within 10 working days of care starting', () => {
    // Monday 2 March 2026: ten working days on is Monday 16 March.
    const result = evaluateClocks(
      peps,
      [event('care.started', '2026-03-02T00:00:00Z')],
      '2026-03-10T12:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => [i.code, i.dueDate, i.status])).toEqual([
      ['pep-10wd', '2026-03-16', 'due'],
    ])
  })

  it('counts bank holidays out: care starting before Easter 2026 owes it on 20 April', () => {
    // Thursday 2 April; Good Friday 3 April and Easter Monday 6 April are not working days.
    const result = evaluateClocks(
      peps,
      [event('care.started', '2026-04-02T00:00:00Z')],
      '2026-04-02T12:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => i.dueDate)).toEqual(['2026-04-20'])
  })

  it('a PEP stops the first clock and owes the next a term (3 months) later; each PEP then starts the next', () => {
    const result = evaluateClocks(
      peps,
      [
        event('care.started', '2026-03-02T00:00:00Z'),
        event('pep.completed', '2026-03-10T12:00:00Z'),
        event('pep.completed', '2026-06-01T11:00:00Z'),
      ],
      '2026-06-02T12:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => [i.code, i.dueDate, i.status])).toEqual([
      ['pep-10wd', '2026-03-16', 'met'],
      ['pep-review-term', '2026-06-10', 'met'],
      ['pep-review-term', '2026-09-01', 'due'],
    ])
  })

  it('a late first PEP is missed, and still starts the term’s review', () => {
    const result = evaluateClocks(
      peps,
      [event('care.started', '2026-03-02T00:00:00Z'), event('pep.completed', '2026-03-18T12:00:00Z')],
      '2026-03-20T12:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => [i.code, i.dueDate, i.status])).toEqual([
      ['pep-10wd', '2026-03-16', 'missed'],
      ['pep-review-term', '2026-06-18', 'due'],
    ])
  })

  it('care ending cancels the PEP owed', () => {
    const result = evaluateClocks(
      peps,
      [event('care.started', '2026-03-02T00:00:00Z'), event('care.ended', '2026-03-05T00:00:00Z')],
      '2026-03-20T12:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => i.status)).toEqual(['cancelled'])
  })

  it('the next PEP due is the soonest open PEP task, not another clock’s', () => {
    const tasks = [
      { clock_code: 'lac-visit-6w', due_at: new Date('2026-03-01T00:00:00Z') },
      { clock_code: 'pep-review-term', due_at: new Date('2026-06-10T00:00:00Z') },
    ]
    expect(nextPepDue(tasks)?.clock_code).toBe('pep-review-term')
    expect(nextPepDue(tasks.slice(0, 1))).toBeNull()
  })
})

describe('school years, terms and school age', () => {
  it.each([
    ['2025-09-01', 2025, 'autumn'],
    ['2025-12-31', 2025, 'autumn'],
    ['2026-01-01', 2025, 'spring'],
    ['2026-03-31', 2025, 'spring'],
    ['2026-04-01', 2025, 'summer'],
    ['2026-08-31', 2025, 'summer'],
    ['2026-09-01', 2026, 'autumn'],
  ])('%s is in school year %i, %s term', (date, year, term) => {
    expect([schoolYearOf(date), termOf(date)]).toEqual([year, term])
  })

  it('writes the school year as 2025/26, and across a century', () => {
    expect([schoolYearText(2025), schoolYearText(2099)]).toEqual(['2025/26', '2099/00'])
  })

  it.each([
    // Born on 31 August: the oldest in the year, 5 on the 31 August before Year 1.
    ['2020-08-31', '2025-09-01', 1, true],
    // Born the next day: the youngest of the year below, in Reception and not yet of compulsory school age.
    ['2020-09-01', '2025-09-01', 0, false],
    ['2020-09-01', '2026-08-31', 0, false],
    ['2020-09-01', '2026-09-01', 1, true],
    // Year 11 to the end of August; Year 12 is not compulsory school age.
    ['2009-09-01', '2026-07-01', 11, true],
    ['2009-09-01', '2026-08-31', 11, true],
    ['2009-09-01', '2026-09-01', 12, false],
    ['2009-08-31', '2025-09-01', 12, false],
    // A toddler has no year group.
    ['2023-05-01', '2026-03-20', null, false],
  ])('born %s, on %s: year group %s, compulsory %s', (dob, date, group, compulsory) => {
    expect([yearGroup(dob, date), compulsorySchoolAge(dob, date)]).toEqual([group, compulsory])
  })

  it('no date of birth is not of compulsory school age', () => {
    expect(compulsorySchoolAge(null, today)).toBe(false)
  })

  it('names the year groups', () => {
    expect([yearGroupText(0), yearGroupText(7), yearGroupText(null)]).toEqual(['Reception', 'Year 7', null])
  })
})

describe('the record’s date rules', () => {
  it('a new school starts after the current one; only the first in the period may start before care', () => {
    const current = { name: 'Oakfield Primary', startDate: '2026-03-05' }
    expect(
      schoolRefusal({ startDate: '2026-03-05', periodStart: '2026-03-02', current, schoolsInPeriod: 1 })
        ?.message,
    ).toBe(
      'Oakfield Primary is the current school, from 5 March 2026: a new school must start after that date',
    )
    expect(
      schoolRefusal({ startDate: '2026-03-06', periodStart: '2026-03-02', current, schoolsInPeriod: 1 }),
    ).toBeNull()
    // The school the child was at on entering care.
    expect(
      schoolRefusal({
        startDate: '2024-09-04',
        periodStart: '2026-03-02',
        current: null,
        schoolsInPeriod: 0,
      }),
    ).toBeNull()
    expect(
      schoolRefusal({
        startDate: '2026-03-01',
        periodStart: '2026-03-02',
        current: null,
        schoolsInPeriod: 1,
      }),
    ).toEqual({
      field: 'start-day',
      message:
        'The date the school started must be on or after 2 March 2026, when the child started to be looked after',
    })
  })

  it('a PEP is in the period of care and after the last PEP', () => {
    expect(pepRefusal({ heldOn: '2026-03-01', periodStart: '2026-03-02', lastPep: null })?.field).toBe(
      'held-day',
    )
    expect(pepRefusal({ heldOn: '2026-03-02', periodStart: '2026-03-02', lastPep: null })).toBeNull()
    expect(
      pepRefusal({ heldOn: '2026-03-10', periodStart: '2026-03-02', lastPep: '2026-03-10' })?.message,
    ).toBe('The date of the PEP must be after the last PEP, on 10 March 2026')
  })

  it('missing education starts in care, one at a time, and ends on or after it started', () => {
    const open = { fromDate: '2026-03-05' }
    expect(
      missingRefusal({ kind: 'start', fromDate: '2026-03-06', periodStart: '2026-03-02', open })?.message,
    ).toBe('The child is already recorded as missing education from 5 March 2026')
    expect(
      missingRefusal({ kind: 'start', fromDate: '2026-03-01', periodStart: '2026-03-02', open: null })?.field,
    ).toBe('from-day')
    expect(missingRefusal({ kind: 'end', toDate: '2026-03-04', open })?.field).toBe('to-day')
    expect(missingRefusal({ kind: 'end', toDate: '2026-03-05', open })).toBeNull()
    expect(missingRefusal({ kind: 'end', toDate: '2026-03-05', open: null })?.field).toBe('form')
  })
})

describe('the forms', () => {
  it('a school needs its name, authority, borough, grade and start; a URN is 6 or 7 digits', () => {
    const ok = schoolSchema(today).safeParse({
      ...day('start', '2025-09-03'),
      schoolName: 'Oakfield Primary',
      urn: '114872',
      schoolLa: 'Essex',
      inBorough: 'no',
      ofstedGrade: 'good',
    })
    expect(ok.data).toEqual({
      startDate: '2025-09-03',
      schoolName: 'Oakfield Primary',
      urn: '114872',
      schoolLa: 'Essex',
      inBorough: false,
      ofstedGrade: 'good',
    })
    expect(schoolSummary(ok.data!)).toBe(
      'Started at Oakfield Primary (URN 114872, Essex, out of borough): Ofsted good',
    )
    const bad = schoolSchema(today).safeParse({ ...day('start', '2026-03-21'), urn: 'AB12' })
    expect(messages(bad)).toEqual([
      ['schoolName', 'Enter the school’s name'],
      ['schoolLa', 'Enter the school’s local authority'],
      ['inBorough', 'Select whether the school is in this authority’s area'],
      ['ofstedGrade', 'Select the school’s Ofsted grade'],
    ])
    const future = schoolSchema(today).safeParse({
      ...day('start', '2026-03-21'),
      schoolName: 'Oakfield Primary',
      urn: 'AB12',
      schoolLa: 'Essex',
      inBorough: 'no',
      ofstedGrade: 'good',
    })
    expect(messages(future)).toEqual([
      ['start-day', 'The date the school started must be today or in the past'],
      ['urn', 'The URN must be 6 or 7 digits, like 114872'],
    ])
  })

  it('attendance: a percentage of 100 or less, or sessions attended no more than possible', () => {
    const parse = (over: Record<string, string>) =>
      attendanceSchema(today).safeParse({ ...day('asat', '2025-12-12'), ...over })
    expect(parse({ measure: 'percent', percent: '92.5' }).data).toEqual({
      asAt: '2025-12-12',
      term: 'autumn',
      year: 2025,
      percent: 92.5,
      sessions: null,
    })
    expect(parse({ measure: 'sessions', possible: '180', attended: '170' }).data?.percent).toBe(94.4)
    expect(messages(parse({ measure: 'percent', percent: '100.5' }))).toEqual([
      ['percent', 'The percentage must be 100 or less'],
    ])
    expect(messages(parse({ measure: 'percent', percent: 'most' }))).toEqual([
      ['percent', 'The percentage must be a number like 92.5'],
    ])
    expect(messages(parse({ measure: 'sessions', possible: '180', attended: '181' }))).toEqual([
      ['attended', 'The sessions attended must be no more than the sessions possible'],
    ])
    expect(messages(parse({ measure: 'sessions', possible: '', attended: '' }))).toEqual([
      ['possible', 'Enter the sessions possible'],
      ['attended', 'Enter the sessions attended'],
    ])
    expect(sessionsPercent(3, 2)).toBe(66.7)
  })

  it('an exclusion: a suspension has its days in halves up to 45, a permanent exclusion none', () => {
    const parse = (over: Record<string, string>) =>
      exclusionSchema(today).safeParse({ ...day('start', '2026-03-09'), ...over })
    expect(parse({ kind: 'suspension', days: '2.5' }).data).toEqual({
      startDate: '2026-03-09',
      kind: 'suspension',
      days: 2.5,
      reason: null,
    })
    expect(parse({ kind: 'permanent', days: '3' }).data?.days).toBeNull()
    expect(messages(parse({ kind: 'suspension', days: '0' }))).toEqual([
      ['days', 'The number of days must be from 0.5 to 45, in half days'],
    ])
    expect(messages(parse({ kind: 'suspension' }))).toEqual([['days', 'Enter the number of days']])
    expect(exclusionSummary({ kind: 'suspension', days: 1 })).toBe('Suspended from school for 1 day')
    expect(exclusionSummary({ kind: 'permanent', days: null })).toBe('Permanently excluded from school')
  })

  it('a PEP: its date, who attended and its quality; the checks are yes when ticked', () => {
    const ok = pepSchema(today).safeParse({
      ...day('held', '2026-03-10'),
      attendedBy: 'Designated teacher, social worker, foster carer',
      quality: 'good',
      measurableTargets: 'yes',
      childVoice: 'yes',
    })
    expect(ok.data).toEqual({
      heldOn: '2026-03-10',
      quality: 'good',
      attendedBy: 'Designated teacher, social worker, foster carer',
      measurableTargets: true,
      childVoice: true,
      carerViews: false,
    })
    expect(messages(pepSchema(today).safeParse({}))).toEqual([
      ['quality', 'Select the PEP’s quality'],
      ['attendedBy', 'Enter who attended the PEP meeting'],
    ])
  })
})

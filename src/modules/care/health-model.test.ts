import { describe, expect, it } from 'vitest'
import {
  ageBandOn,
  assessmentRefusal,
  assessmentSchema,
  assessmentSummary,
  checkDateRefusal,
  checkSchema,
  checkSummary,
  dueAgainOn,
  healthInstant,
  inDate,
  sdqAgeRefusal,
  type AssessmentFacts,
} from './health-model.js'

const now = new Date('2026-03-20T12:00:00Z')
const today = '2026-03-20'

describe('the age band a completed assessment gives the next review', () => {
  // Born 15 June 2021: 5 on 15 June 2026.
  it.each([
    ['2026-06-14', 'under_5'], // the day before the 5th birthday: 6 months
    ['2026-06-15', '5_and_over'], // the 5th birthday: 12 months
    ['2026-06-16', '5_and_over'],
    ['2021-06-15', 'under_5'],
  ])('on %s the band is %s', (date, band) => {
    expect(ageBandOn('2021-06-15', date)).toBe(band)
  })

  it('a birthday on 29 February turns 5 on 1 March in a year without one', () => {
    expect(ageBandOn('2020-02-29', '2025-02-28')).toBe('under_5')
    expect(ageBandOn('2020-02-29', '2025-03-01')).toBe('5_and_over')
  })

  it('gives no band without a date of birth: the clock takes the shorter timescale', () => {
    expect(ageBandOn(null, '2026-03-20')).toBeNull()
  })
})

describe('the SDQ is for ages 4 to 16 on the day', () => {
  // Born 10 May 2010: 4 on 10 May 2014, 17 on 10 May 2027.
  it.each([
    ['2014-05-09', 'The child was 3 years old on that day: the SDQ is for children aged 4 to 16'],
    ['2014-05-10', null],
    ['2027-05-09', null], // 16, the day before the 17th birthday
    ['2027-05-10', 'The child was 17 years old on that day: the SDQ is for children aged 4 to 16'],
  ])('an SDQ on %s', (date, message) => {
    const refused = sdqAgeRefusal('2010-05-10', date)
    expect(refused?.message ?? null).toBe(message)
    if (refused) expect(refused.field).toBe('checked-day')
  })

  it('needs a date of birth', () => {
    expect(sdqAgeRefusal(null, '2026-03-01')?.message).toContain('Record the child’s date of birth first')
  })
})

describe('an assessment’s dates', () => {
  const facts = (over: Partial<AssessmentFacts> = {}): AssessmentFacts => ({
    requestedOn: null,
    appointmentOn: null,
    completedOn: null,
    completedBy: null,
    waitingReason: 'appointment',
    waitingOther: null,
    ...over,
  })
  const first = { today, periodStart: '2026-03-02', previousCompleted: null }
  const review = { today, periodStart: '2025-01-06', previousCompleted: '2025-02-03' }

  it.each([
    [{ requestedOn: '2026-03-02', appointmentOn: '2026-04-14' }, null], // an appointment booked ahead
    [{ requestedOn: '2026-03-02', completedOn: '2026-03-02', completedBy: 'LAC nurse' }, null],
    [
      { requestedOn: '2026-03-21' },
      ['requested-day', 'The date it was requested must be today or in the past'],
    ],
    [
      { requestedOn: '2026-03-01' },
      [
        'requested-day',
        'The date it was requested must be on or after 2 March 2026, when the child started to be looked after',
      ],
    ],
    [
      { requestedOn: '2026-03-10', appointmentOn: '2026-03-09' },
      [
        'appointment-day',
        'The appointment must be on or after 10 March 2026, when the assessment was requested',
      ],
    ],
    [
      { completedOn: '2026-03-01', completedBy: 'Dr Band' },
      [
        'completed-day',
        'The date it was completed must be on or after 2 March 2026, when the child started to be looked after',
      ],
    ],
    [
      { requestedOn: '2026-03-12', completedOn: '2026-03-11', completedBy: 'Dr Band' },
      ['completed-day', 'The date it was completed must be on or after 12 March 2026, when it was requested'],
    ],
  ] as const)('an initial assessment %j', (over, expected) => {
    const refused = assessmentRefusal(facts(over as Partial<AssessmentFacts>), first)
    expect(refused && [refused.field, refused.message]).toEqual(expected)
  })

  it('a review follows the last assessment: completed after it, not on its day', () => {
    expect(
      assessmentRefusal(facts({ completedOn: '2025-02-03', completedBy: 'LAC nurse' }), review)?.message,
    ).toBe(
      'The date it was completed must be after 3 February 2025, when the last health assessment was completed',
    )
    expect(
      assessmentRefusal(facts({ completedOn: '2025-02-04', completedBy: 'LAC nurse' }), review),
    ).toBeNull()
    expect(assessmentRefusal(facts({ appointmentOn: '2025-01-20' }), review)?.field).toBe('appointment-day')
  })
})

describe('a check’s date and whether it is in date', () => {
  it('refuses a check before the period of care', () => {
    expect(checkDateRefusal('2026-03-01', '2026-03-02')?.message).toBe(
      'The date must be on or after 2 March 2026, when the child started to be looked after',
    )
    expect(checkDateRefusal('2026-03-02', '2026-03-02')).toBeNull()
  })

  it.each([
    ['2025-03-20', true], // due again today
    ['2025-03-19', false],
    ['2026-03-20', true],
    ['2026-03-21', false], // not yet done
  ])('a check on %s is in date on 20 March 2026: %s', (date, expected) => {
    expect(inDate(date, today)).toBe(expected)
  })

  it('is due again 12 months on, clamped to the month’s end', () => {
    expect(dueAgainOn('2024-02-29')).toBe('2025-02-28')
    expect(dueAgainOn('2026-03-20')).toBe('2027-03-20')
  })
})

describe('the words', () => {
  it('says what an outstanding assessment waits for', () => {
    expect(
      assessmentSummary('iha', {
        requestedOn: '2026-03-03',
        appointmentOn: null,
        completedOn: null,
        completedBy: null,
        waitingReason: 'paperwork',
        waitingOther: null,
      }),
    ).toBe(
      'Initial health assessment outstanding: waiting for the paperwork (consent or referral forms) (requested 3 March 2026)',
    )
    expect(
      assessmentSummary('rha', {
        requestedOn: null,
        appointmentOn: null,
        completedOn: '2026-03-03',
        completedBy: 'LAC nurse',
        waitingReason: null,
        waitingOther: null,
      }),
    ).toBe('Review health assessment completed by LAC nurse')
    expect(
      checkSummary({
        kind: 'sdq',
        checkedOn: today,
        upToDate: null,
        sdqScore: 14,
        completedBy: 'Foster carer',
      }),
    ).toBe('SDQ score 14, completed by Foster carer')
    expect(
      checkSummary({
        kind: 'immunisations',
        checkedOn: today,
        upToDate: false,
        sdqScore: null,
        completedBy: null,
      }),
    ).toBe('Immunisations checked: not up to date')
  })

  it('puts a completed assessment at noon in London on its day', () => {
    expect(healthInstant('2026-07-01').toISOString()).toBe('2026-07-01T11:00:00.000Z')
  })
})

const day = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y,
  }
}
const messages = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => [String(i.path[0]), i.message]) ?? []

describe('the assessment form', () => {
  const schema = assessmentSchema(now)

  it('takes an outstanding assessment with its reason, and an appointment in the future', () => {
    const r = schema.safeParse({
      ...day('requested', '2026-03-03'),
      ...day('appointment', '2026-04-14'),
      waitingReason: 'appointment',
    })
    expect(r.data).toEqual({
      requestedOn: '2026-03-03',
      appointmentOn: '2026-04-14',
      completedOn: null,
      completedBy: null,
      waitingReason: 'appointment',
      waitingOther: null,
    })
  })

  it('takes a completed one, dropping the reason it waited', () => {
    const r = schema.safeParse({
      ...day('completed', '2026-03-18'),
      completedBy: 'LAC nurse',
      waitingReason: 'paperwork',
    })
    expect(r.data).toMatchObject({ completedOn: '2026-03-18', completedBy: 'LAC nurse', waitingReason: null })
  })

  it.each([
    [{}, [['waitingReason', 'Select why the assessment is waiting, or enter the date it was completed']]],
    [{ waitingReason: 'other' }, [['waitingOther', 'Enter why the assessment is waiting']]],
    [
      { ...day('completed', '2026-03-18') },
      [['completedBy', 'Enter who completed the assessment, for example the LAC nurse or the paediatrician']],
    ],
    [
      { ...day('completed', '2026-03-21'), completedBy: 'LAC nurse' },
      [['completed-day', 'The date it was completed must be today or in the past']],
    ],
    [
      { 'requested-day': '31', 'requested-month': '2', 'requested-year': '2026', waitingReason: 'paperwork' },
      [['requested-day', 'The date it was requested must be a real date']],
    ],
    [
      { waitingReason: 'lost' },
      [['waitingReason', 'Select why the assessment is waiting, or enter the date it was completed']],
    ],
  ])('refuses %j', (answers, expected) => {
    expect(messages(schema.safeParse(answers))).toEqual(expected)
  })
})

describe('the check form', () => {
  const schema = checkSchema(now)

  it('takes each kind with only its own answers', () => {
    expect(
      schema.safeParse({ kind: 'dental', ...day('checked', '2026-03-10'), upToDate: 'yes' }).data,
    ).toEqual({
      kind: 'dental',
      checkedOn: '2026-03-10',
      upToDate: null,
      sdqScore: null,
      completedBy: null,
    })
    expect(
      schema.safeParse({ kind: 'immunisations', ...day('checked', '2026-03-10'), upToDate: 'no' }).data,
    ).toMatchObject({
      upToDate: false,
    })
    expect(
      schema.safeParse({ kind: 'sdq', ...day('checked', '2026-03-10'), sdqScore: '0', sdqBy: 'Foster carer' })
        .data,
    ).toMatchObject({ sdqScore: 0, completedBy: 'Foster carer' })
    expect(
      schema.safeParse({ kind: 'sdq', ...day('checked', '2026-03-10'), sdqScore: '40', sdqBy: 'Teacher' })
        .data,
    ).toMatchObject({ sdqScore: 40 })
  })

  it.each([
    [
      { kind: 'sdq', sdqScore: '41', sdqBy: 'Carer' },
      [['sdqScore', 'The SDQ score must be a whole number from 0 to 40']],
    ],
    [
      { kind: 'sdq', sdqScore: '-1', sdqBy: 'Carer' },
      [['sdqScore', 'The SDQ score must be a whole number from 0 to 40']],
    ],
    [
      { kind: 'sdq', sdqScore: '12.5', sdqBy: 'Carer' },
      [['sdqScore', 'The SDQ score must be a whole number from 0 to 40']],
    ],
    [
      { kind: 'sdq', sdqScore: '' },
      [
        ['sdqScore', 'Enter the SDQ score'],
        ['sdqBy', 'Enter who completed the questionnaire, for example the foster carer'],
      ],
    ],
    [{ kind: 'immunisations' }, [['upToDate', 'Select whether the child’s immunisations are up to date']]],
  ])('refuses %j', (answers, expected) => {
    expect(messages(schema.safeParse({ ...day('checked', '2026-03-10'), ...answers }))).toEqual(expected)
  })

  it('refuses a check in the future or with no date', () => {
    expect(messages(schema.safeParse({ kind: 'dental', ...day('checked', '2026-03-21') }))).toEqual([
      ['checked-day', 'The date of the check must be today or in the past'],
    ])
    expect(messages(schema.safeParse({ kind: 'dental' }))).toEqual([
      ['checked-day', 'Enter the date of the check'],
    ])
  })
})

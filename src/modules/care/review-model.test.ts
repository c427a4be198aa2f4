import { describe, expect, it } from 'vitest'
import {
  delayReason,
  isLate,
  minutesRefusal,
  minutesSchema,
  PARTICIPATION,
  participationRefusal,
  readReviewCodes,
  reportRefusal,
  reviewDateRefusal,
  reviewSchema,
  REVIEW_CODES,
} from './review-model.js'

const NOW = new Date('2026-04-15T12:00:00Z')
const boxes = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y,
  }
}

describe('participation against the child’s age on the day (903 rules 440 and 441)', () => {
  // Born 10 April 2022: 3 until 9 April 2026, 4 from 10 April 2026.
  const dob = '2022-04-10'
  it.each([
    ['PN0', '2026-04-09', null],
    [
      'PN1',
      '2026-04-09',
      'The child was 3 years old on the day of the review: select PN0, for a child under 4',
    ],
    [
      'PN7',
      '2026-04-09',
      'The child was 3 years old on the day of the review: select PN0, for a child under 4',
    ],
    [
      'PN0',
      '2026-04-10',
      'The child was 4 years old on the day of the review: PN0 is only for a child under 4',
    ],
    ['PN1', '2026-04-10', null],
    ['PN7', '2026-04-10', null],
  ])('%s on %s', (code, heldOn, message) => {
    const refused = participationRefusal(code, dob, heldOn)
    expect(refused?.message ?? null).toBe(message)
    if (refused) expect(refused.field).toBe('participation')
  })

  it('says "1 year" for a one-year-old', () => {
    expect(participationRefusal('PN1', '2025-01-01', '2026-04-01')?.message).toBe(
      'The child was 1 year old on the day of the review: select PN0, for a child under 4',
    )
  })

  it('refuses PN0 without a date of birth, and takes any other code', () => {
    expect(participationRefusal('PN0', null, '2026-04-01')?.message).toMatch(
      /record the child’s date of birth/,
    )
    expect(participationRefusal('PN5', null, '2026-04-01')).toBeNull()
  })
})

describe('the review’s date', () => {
  const base = { heldOn: '2026-04-02', today: '2026-04-15', periodStart: '2026-03-02', lastReview: null }
  it.each([
    ['on the day care started', { heldOn: '2026-03-02' }, null],
    ['today', { heldOn: '2026-04-15' }, null],
    ['tomorrow', { heldOn: '2026-04-16' }, 'The date of the review must be today or in the past'],
    [
      'before care started',
      { heldOn: '2026-03-01' },
      'The date of the review must be on or after 2 March 2026, when the child started to be looked after',
    ],
    [
      'the day of the last review',
      { lastReview: '2026-04-02' },
      'The date of the review must be after 2 April 2026, when the last review was held',
    ],
    ['the day after the last review', { heldOn: '2026-04-03', lastReview: '2026-04-02' }, null],
  ])('%s', (_name, over, message) => {
    const refused = reviewDateRefusal({ ...base, ...over })
    expect(refused?.message ?? null).toBe(message)
    if (refused) expect(refused.field).toBe('held-day')
  })
})

describe('the reason for delay, needed only when the review was late', () => {
  it.each([
    ['held on the due date', '2026-03-30', '2026-03-30', false],
    ['held the day after', '2026-03-31', '2026-03-30', true],
    ['held early', '2026-03-20', '2026-03-30', false],
    ['with no clock running', '2026-03-31', null, false],
  ])('%s: late %s', (_name, heldOn, dueOn, late) => {
    expect(isLate(heldOn, dueOn)).toBe(late)
  })

  it('refuses a late review without a reason, on the reason’s field', () => {
    expect(delayReason('2026-04-02', '2026-03-30', null)).toEqual({
      field: 'lateReason',
      message: 'The review was due by 30 March 2026: select the reason it was held late',
    })
  })

  it('keeps the reason of a late review', () => {
    expect(delayReason('2026-04-02', '2026-03-30', 'COURT')).toEqual({ lateReason: 'COURT' })
  })

  it('keeps no reason for a review on time, even when one is given', () => {
    expect(delayReason('2026-03-30', '2026-03-30', 'COURT')).toEqual({ lateReason: null })
    expect(delayReason('2026-03-30', '2026-03-30', null)).toEqual({ lateReason: null })
  })
})

describe('the report and the minutes', () => {
  it('takes a report shared on or before the review, refusing one after', () => {
    expect(reportRefusal('2026-04-02', '2026-04-02')).toBeNull()
    expect(reportRefusal('2026-04-02', null)).toBeNull()
    expect(reportRefusal('2026-04-02', '2026-04-03')?.field).toBe('report-day')
  })

  it('takes minutes distributed from the day of the review to today', () => {
    expect(minutesRefusal('2026-04-02', '2026-04-02', '2026-04-15')).toBeNull()
    expect(minutesRefusal('2026-04-02', '2026-04-15', '2026-04-15')).toBeNull()
    expect(minutesRefusal('2026-04-02', '2026-04-01', '2026-04-15')?.message).toBe(
      'The date must be on or after 2 April 2026, when the review was held',
    )
    expect(minutesRefusal('2026-04-02', '2026-04-16', '2026-04-15')?.message).toBe(
      'The date must be today or in the past',
    )
  })
})

describe('the review form', () => {
  const answers = {
    ...boxes('held', '2026-04-02'),
    participation: 'PN1',
    reportShared: 'yes',
    ...boxes('report', '2026-03-30'),
    lateReason: '',
  }

  it('reads a review with its report shared', () => {
    expect(reviewSchema(NOW).parse(answers)).toEqual({
      heldOn: '2026-04-02',
      participation: 'PN1',
      report: { sharedOn: '2026-03-30', notSharedReason: null },
      lateReason: null,
    })
  })

  it('reads a report not shared with its reason, ignoring a date given', () => {
    expect(
      reviewSchema(NOW).parse({
        ...answers,
        reportShared: 'no',
        reportNotSharedReason: ' The child asked not to ',
      }),
    ).toMatchObject({ report: { sharedOn: null, notSharedReason: 'The child asked not to' } })
  })

  it.each([
    [
      'no date',
      { 'held-day': '', 'held-month': '', 'held-year': '' },
      'held-day',
      'Enter the date the review was held',
    ],
    [
      'a date in the future',
      boxes('held', '2026-04-16'),
      'held-day',
      'The date of the review must be today or in the past',
    ],
    [
      'a code that is not PN0 to PN7',
      { participation: 'PN8' },
      'participation',
      'Select how the child took part in the review',
    ],
    [
      'no answer on the report',
      { reportShared: '' },
      'reportShared',
      'Select whether the social worker’s report was shared before the review',
    ],
    [
      'a report shared with no date',
      { 'report-day': '', 'report-month': '', 'report-year': '' },
      'report-day',
      'Enter the date the report was shared with the child and family',
    ],
    [
      'a report not shared with no reason',
      { reportShared: 'no' },
      'reportNotSharedReason',
      'Enter why the report was not shared before the review',
    ],
    [
      'an unknown delay reason',
      { lateReason: 'LAZY' },
      'lateReason',
      'Select the reason for the delay from the list',
    ],
  ])('refuses %s', (_name, over, field, message) => {
    const result = reviewSchema(NOW).safeParse({ ...answers, ...over })
    expect(result.success).toBe(false)
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: [field], message }))
  })

  it('reads the minutes’ date, refusing none', () => {
    expect(minutesSchema(NOW).parse(boxes('minutes', '2026-04-14'))).toEqual({ distributedOn: '2026-04-14' })
    expect(minutesSchema(NOW).safeParse({}).success).toBe(false)
  })
})

describe('the code lists', () => {
  it('are PN0 to PN7 with the 903’s meanings, and Haven’s delay reasons', () => {
    expect(PARTICIPATION.map((p) => p.code)).toEqual(['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'])
    expect(PARTICIPATION[0]?.label).toMatch(/under 4/)
    expect(REVIEW_CODES.delayReasons.length).toBeGreaterThan(3)
  })

  it('refuses a participation list that is not PN0 to PN7', () => {
    const raw = {
      $comment: 'x',
      participation: [{ code: 'PN1', label: 'x' }],
      delayReasons: [{ code: 'AB', label: 'y' }],
      minutesWorkingDays: 20,
    }
    expect(() => readReviewCodes(raw)).toThrow(/PN0 to PN7/)
  })
})

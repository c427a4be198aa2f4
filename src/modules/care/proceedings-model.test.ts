import { describe, expect, it } from 'vitest'
import { STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import {
  applicationSchema,
  conclusionRefusal,
  extensionRefusal,
  extensionSchema,
  hearingRefusal,
  lengthInWords,
  MAX_EXTENSION_DAYS,
  ploStage,
  PROCEEDINGS_CLOCK,
  timetableDays,
  timetableEnd,
  weekOf,
  weeks26End,
} from './proceedings-model.js'

const day = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y,
  }
}
const now = new Date('2026-07-06T11:00:00Z')

describe('the 26 weeks', () => {
  it('counts calendar weeks from the clock’s definition: 182 days', () => {
    const definition = STATUTORY_CLOCKS.find((c) => c.code === PROCEEDINGS_CLOCK)
    expect(definition).toMatchObject({ length: 26, unit: 'weeks', dueOn: { attribute: 'timetableEnds' } })
    expect(timetableDays()).toBe(182)
  })

  it.each([
    // Issued on a Monday: the 182nd day, counting the day of issue as the first, is a Sunday.
    ['2026-01-05', '2026-07-05'],
    // Across the clocks going forward and a leap day.
    ['2027-12-31', '2028-06-29'],
    ['2028-02-29', '2028-08-28'],
    // Weekends and bank holidays count: issued on Christmas Eve.
    ['2026-12-24', '2027-06-23'],
  ])('issued %s: the 26 weeks end on %s', (issued, end) => {
    expect(weeks26End(issued)).toBe(end)
  })

  it.each([
    ['2026-01-05', 1],
    ['2026-01-11', 1],
    ['2026-01-12', 2],
    ['2026-07-04', 26],
    ['2026-07-05', 26],
    ['2026-07-06', 27],
  ])('on %s the proceedings are in week %i', (today, week) => {
    expect(weekOf('2026-01-05', today)).toBe(week)
  })

  it('moves the end to the latest extension', () => {
    expect(timetableEnd('2026-01-05', [])).toBe('2026-07-05')
    expect(timetableEnd('2026-01-05', [{ extendedTo: '2026-08-30' }, { extendedTo: '2026-08-10' }])).toBe(
      '2026-08-30',
    )
  })

  it.each([
    [56, '8 weeks'],
    [7, '1 week'],
    [1, '1 day'],
    [23, '3 weeks and 2 days'],
  ])('%i days read as %s', (days, words) => expect(lengthInWords(days)).toBe(words))
})

describe('extensions', () => {
  const base = { grantedOn: '2026-06-29', issuedOn: '2026-01-05', currentEnd: '2026-07-05' }
  it('allows up to 8 weeks from the end as it stands, and no more', () => {
    expect(MAX_EXTENSION_DAYS).toBe(56)
    expect(extensionRefusal({ ...base, extendedTo: '2026-08-30' })).toBeNull()
    expect(extensionRefusal({ ...base, extendedTo: '2026-07-06' })).toBeNull()
    expect(extensionRefusal({ ...base, extendedTo: '2026-08-31' })).toEqual({
      field: 'to-day',
      message:
        'An extension can be no longer than 8 weeks: the latest the timetable can end is 30 August 2026',
    })
  })
  it('refuses an end not after the current one, or a grant before issue', () => {
    expect(extensionRefusal({ ...base, extendedTo: '2026-07-05' })?.field).toBe('to-day')
    expect(extensionRefusal({ ...base, grantedOn: '2026-01-04', extendedTo: '2026-07-10' })?.field).toBe(
      'granted-day',
    )
  })
  it('a second extension counts from the first one’s end', () => {
    const second = { ...base, currentEnd: '2026-08-30' }
    expect(extensionRefusal({ ...second, extendedTo: '2026-10-25' })).toBeNull()
    expect(extensionRefusal({ ...second, extendedTo: '2026-10-26' })?.field).toBe('to-day')
  })
  it('reads a new end in the future, but not a grant in the future', () => {
    const ok = extensionSchema(now).safeParse({
      ...day('granted', '2026-07-06'),
      ...day('to', '2026-08-30'),
      reason: 'r',
    })
    expect(ok.success && ok.data).toEqual({ grantedOn: '2026-07-06', extendedTo: '2026-08-30', reason: 'r' })
    const future = extensionSchema(now).safeParse({
      ...day('granted', '2026-07-07'),
      ...day('to', '2026-08-30'),
      reason: 'r',
    })
    expect(future.success).toBe(false)
  })
})

describe('date order', () => {
  it('a hearing on or after the application', () => {
    expect(hearingRefusal({ heardOn: '2026-01-05', issuedOn: '2026-01-05' })).toBeNull()
    expect(hearingRefusal({ heardOn: '2026-01-04', issuedOn: '2026-01-05' })?.field).toBe('heard-day')
  })

  it('the conclusion on or after the latest of issue, hearing and grant', () => {
    const base = { issuedOn: '2026-01-05', lastHearing: '2026-06-01', lastGrant: '2026-06-20' }
    expect(conclusionRefusal({ ...base, concludedOn: '2026-06-20' })).toBeNull()
    expect(conclusionRefusal({ ...base, concludedOn: '2026-06-19' })?.message).toBe(
      'The date the proceedings concluded must be on or after 20 June 2026, when the last extension was granted',
    )
    expect(
      conclusionRefusal({
        issuedOn: '2026-01-05',
        lastHearing: null,
        lastGrant: null,
        concludedOn: '2026-01-04',
      })?.message,
    ).toContain('when the application was issued')
  })

  it('the letter before proceedings on or before issue; issue not in the future', () => {
    const answers = { court: 'Family Court', applicant: 'Thurrock Council' }
    expect(
      applicationSchema(now).safeParse({
        ...answers,
        ...day('issued', '2026-07-06'),
        ...day('letter', '2026-07-06'),
      }).success,
    ).toBe(true)
    const late = applicationSchema(now).safeParse({
      ...answers,
      ...day('issued', '2026-07-01'),
      ...day('letter', '2026-07-02'),
    })
    expect(late.success).toBe(false)
    expect(late.error?.issues[0]?.path).toEqual(['letter-day'])
    expect(applicationSchema(now).safeParse({ ...answers, ...day('issued', '2026-07-07') }).success).toBe(
      false,
    )
  })
})

describe('the Public Law Outline stage', () => {
  it.each([
    [[], false, 'Stage 1: issue and allocation'],
    [['other'], false, 'Stage 1: issue and allocation'],
    [['cmh'], false, 'Stage 2: case management hearing'],
    [['cmh', 'further_cmh', 'irh'], false, 'Stage 3: issues resolution hearing'],
    [['cmh', 'irh', 'final'], false, 'Stage 4: final hearing'],
    [['cmh'], true, 'Concluded'],
  ])('hearings %j (concluded %s): %s', (kinds, concluded, stage) => {
    expect(ploStage({ hearingKinds: kinds, concluded })).toBe(stage)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { englandAndWales } from '../../../../platform/calendar/working-days.js'
import { firstOfWorkingDaysEnding, isWeekend, shiftDate, workingDaysBefore } from './shared-dates.js'

describe('shiftDate', () => {
  it.each([
    ['a year on', '2025-06-15', 1, 0, 0, '2026-06-15'],
    ['29 February plus 25 years', '2000-02-29', 25, 0, 0, '2025-02-28'],
    ['29 February plus 4 years', '2000-02-29', 4, 0, 0, '2004-02-29'],
    ['25 years back from 31 March', '2026-03-31', -25, 0, 0, '2001-03-31'],
    ['31 March plus 4 months and 31 days', '2026-03-31', 0, 4, 31, '2026-08-31'],
    ['31 January plus a month', '2025-01-31', 0, 1, 0, '2025-02-28'],
    ['months across the year end', '2025-11-30', 0, 3, 0, '2026-02-28'],
    ['months backwards', '2025-03-31', 0, -4, 0, '2024-11-30'],
    ['days only', '2025-12-31', 0, 0, 1, '2026-01-01'],
  ])('%s', (_, date, years, months, days, expected) => {
    expect(shiftDate(date, years, months, days)).toBe(expected)
  })

  it('a shift by years and back returns the day, except 29 February', () => {
    const day = fc
      .date({ min: new Date('1950-01-01'), max: new Date('2050-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, fc.integer({ min: -30, max: 30 }), (date, years) => {
        const back = shiftDate(shiftDate(date, years), -years)
        if (date.endsWith('-02-29')) expect(['-02-28', '-02-29']).toContain(back.slice(4))
        else expect(back).toBe(date)
      }),
    )
  })
})

describe('isWeekend', () => {
  it.each([
    ['Friday', '2025-05-23', false],
    ['Saturday', '2025-05-24', true],
    ['Sunday', '2025-05-25', true],
    ['Monday (a bank holiday, still not a weekend)', '2025-05-26', false],
  ])('%s', (_, date, expected) => {
    expect(isWeekend(date)).toBe(expected)
  })
})

describe('working-day thresholds', () => {
  it('one working day before 1 April 2025 is Monday 31 March', () => {
    expect(workingDaysBefore(englandAndWales, '2025-04-01', 1)).toBe('2025-03-31')
  })

  it('one working day before Easter Monday 1 April 2024 is Thursday 28 March', () => {
    expect(workingDaysBefore(englandAndWales, '2024-04-01', 1)).toBe('2024-03-28')
  })

  it('the first of 1 working day ending on a working day is that day', () => {
    expect(firstOfWorkingDaysEnding(englandAndWales, '2026-03-31', 1)).toBe('2026-03-31')
  })

  it('counts inclusively: n working days from the first day to the end', () => {
    for (const n of [1, 15, 45]) {
      const first = firstOfWorkingDaysEnding(englandAndWales, '2026-03-31', n)
      expect(englandAndWales.workingDaysInclusive(first, '2026-03-31')).toBe(n)
      expect(englandAndWales.isWorkingDay(first)).toBe(true)
    }
  })

  it('an end that is not a working day counts from the next working day', () => {
    // 31 March 2024 was Easter Sunday; the next working day is Tuesday 2 April.
    expect(firstOfWorkingDaysEnding(englandAndWales, '2024-03-31', 1)).toBe('2024-04-02')
    expect(firstOfWorkingDaysEnding(englandAndWales, '2024-03-31', 2)).toBe('2024-03-28')
  })
})

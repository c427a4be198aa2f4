import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  WorkingCalendar,
  addCalendarDays,
  dayOfWeek,
  englandAndWales as cal,
  fromDayNumber,
  toDayNumber,
} from './working-days.js'

describe('England and Wales bank holidays', () => {
  it.each([
    ['2025-12-25', true],
    ['2025-12-26', true],
    ['2020-05-08', true], // VE day moved the early May bank holiday
    ['2020-05-04', false],
    ['2022-09-19', true], // state funeral
    ['2023-05-08', true], // coronation
    ['2021-12-27', true], // Christmas substitute
    ['2026-04-03', true], // Good Friday 2026
    ['2026-04-06', true], // Easter Monday 2026
    ['2026-04-07', false],
  ])('%s is a bank holiday: %s', (date, expected) => {
    expect(cal.bankHoliday(date) !== undefined).toBe(expected)
  })
})

describe('working days', () => {
  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-11-23')).toBe(1) // Monday
    expect(dayOfWeek('2026-11-22')).toBe(0)
  })

  it.each([
    // start, days, expected
    ['2026-11-20', 1, '2026-11-23'], // Friday + 1 -> Monday
    ['2026-11-23', 1, '2026-11-24'],
    ['2026-12-24', 1, '2026-12-29'], // over Christmas and Boxing Day (Mon 28 substitute)
    ['2026-04-02', 1, '2026-04-07'], // over Good Friday and Easter Monday
    ['2026-11-23', 0, '2026-11-23'],
    ['2026-11-23', -1, '2026-11-20'],
    ['2026-01-05', 45, '2026-03-09'],
  ])('%s + %i working days = %s', (start, days, expected) => {
    expect(cal.addWorkingDays(start, days)).toBe(expected)
  })

  it('counts working days between dates, excluding the start', () => {
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1)
    expect(cal.workingDaysBetween('2026-11-23', '2026-11-20')).toBe(-1)
    // backwards over days that are not working days is 0, not -0 (found by the additivity property)
    expect(cal.workingDaysBetween('2031-12-25', '2031-12-24')).toBe(0)
    expect(cal.workingDaysInclusive('2026-11-20', '2026-11-23')).toBe(2)
    expect(cal.workingDaysInclusive('2026-11-21', '2026-11-22')).toBe(0)
  })

  it('rejects impossible dates', () => {
    expect(() => cal.addWorkingDays('2026-02-30', 1)).toThrow(RangeError)
    expect(() => cal.addWorkingDays('26-02-01', 1)).toThrow(RangeError)
  })

  it('applies database overrides', () => {
    const extra = new WorkingCalendar(
      [{ date: '2026-12-25', title: 'Christmas Day' }],
      [
        { date: '2026-11-23', title: 'Proclaimed holiday', isHoliday: true },
        { date: '2026-12-25', title: 'Christmas Day', isHoliday: false },
      ],
    )
    expect(extra.isWorkingDay('2026-11-23')).toBe(false)
    expect(extra.isWorkingDay('2026-12-25')).toBe(true)
  })

  const date = fc.integer({ min: 0, max: 365 * 20 }).map((n) => addCalendarDays('2012-01-01', n))

  it('property: adding n working days lands on a working day exactly n working days later', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 120 }), (start, n) => {
        const end = cal.addWorkingDays(start, n)
        expect(cal.isWorkingDay(end)).toBe(true)
        expect(cal.workingDaysBetween(start, end)).toBe(n)
      }),
    )
  })

  it('property: adding then subtracting returns to the start when the start is a working day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -120, max: 120 }), (start, n) => {
        fc.pre(cal.isWorkingDay(start))
        expect(cal.addWorkingDays(cal.addWorkingDays(start, n), -n)).toBe(start)
      }),
    )
  })

  it('property: working days between is additive', () => {
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c)).toBe(cal.workingDaysBetween(a, c))
      }),
    )
  })
})

describe('day numbers', () => {
  const viaDate = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000
  it('property: agree with Date for every day from 1900 to 2200, both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10)
        expect(fromDayNumber(day)).toBe(iso)
        expect(toDayNumber(iso)).toBe(viaDate(iso))
      }),
      { numRuns: 2000 },
    )
  })
  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-01',
    '2026/01/01',
    '202a-01-01',
    '',
  ])('rejects %s', (bad) => {
    expect(() => toDayNumber(bad)).toThrow(RangeError)
  })
  it('accepts 29 February in leap years only', () => {
    expect(toDayNumber('2024-02-29')).toBe(viaDate('2024-02-29'))
    expect(toDayNumber('2000-02-29')).toBe(viaDate('2000-02-29'))
    expect(() => toDayNumber('1900-02-29')).toThrow(RangeError)
  })
})

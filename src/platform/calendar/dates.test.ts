import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addCalendarDays, addYears, ageOn, dateFromParts, isOfSchoolAge, londonToday } from './dates.js'

const day = fc
  .integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2060, 11, 31) / 86_400_000 })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10))

describe('ageOn', () => {
  it.each([
    ['2010-05-02', '2026-05-01', 15],
    ['2010-05-02', '2026-05-02', 16],
    ['2012-02-29', '2026-02-28', 13],
    ['2012-02-29', '2026-03-01', 14],
    ['2012-02-29', '2028-02-29', 16],
    ['2026-12-04', '2026-12-04', 0],
  ])('born %s, on %s: %i', (born, on, age) => {
    expect(ageOn(born, on)).toBe(age)
  })

  it('is never negative from the day of birth, and grows by one a year', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 40_000 }), (born, days) => {
        const on = addCalendarDays(born, days)
        const age = ageOn(born, on)
        expect(age).toBeGreaterThanOrEqual(0)
        expect(ageOn(born, addCalendarDays(on, 366))).toBeGreaterThanOrEqual(age + 1)
        expect(ageOn(born, addCalendarDays(on, 366))).toBeLessThanOrEqual(age + 2)
      }),
    )
  })
})

describe('londonToday', () => {
  it('is the London date, an hour ahead of UTC in summer', () => {
    expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01')
    expect(londonToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31')
    expect(londonToday(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29') // the clocks go forward at 01:00
  })
})

describe('dates from a GOV.UK date input, and years', () => {
  it.each([
    ['1', '1', '2020', '2020-01-01'],
    ['29', '2', '2024', '2024-02-29'],
    ['29', '2', '2023', null],
    ['0', '1', '2020', null],
    ['1', '13', '2020', null],
    ['1', '1', '20', null],
    ['a', '1', '2020', null],
  ])('%s/%s/%s → %s', (d, m, y, expected) => {
    expect(dateFromParts(d, m, y)).toBe(expected)
  })

  it('moves 29 February back to 28 February in a common year', () => {
    expect(addYears('2024-02-29', -25)).toBe('1999-02-28')
    expect(addYears('2024-02-28', 1)).toBe('2025-02-28')
  })
})

describe('school age, as the DfE validators take it', () => {
  it.each([
    ['2020-08-31', '2026-11-23', true], // the next 31 August is 2027: born by 31 August 2021
    ['2021-08-31', '2026-11-23', true],
    ['2021-09-01', '2026-11-23', false],
    ['2020-08-31', '2026-08-31', true], // on 31 August itself, that day counts as the next
    ['2020-09-01', '2026-08-31', false],
    ['2020-09-01', '2026-09-01', true],
  ])('born %s, on %s: %s', (dob, today, expected) => {
    expect(isOfSchoolAge(dob, today)).toBe(expected)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addCalendarDays, ageOn, londonToday } from './dates.js'

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

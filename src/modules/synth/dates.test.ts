import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  englandAndWales,
  fromDayNumber,
  toDayNumber as calendarDayNumber,
} from '../../platform/calendar/working-days.js'
import { addWorkingDays, dayText, isWorkingDay, toDayNumber } from './dates.js'

const day = fc.integer({ min: calendarDayNumber('1900-01-01'), max: calendarDayNumber('2199-12-31') })

describe('the generator’s fast dates agree with the shared calendar', () => {
  it('day numbers and texts', () => {
    fc.assert(
      fc.property(day, (n) => {
        const iso = fromDayNumber(n)
        expect(toDayNumber(iso)).toBe(n)
        expect(dayText(n)).toBe(iso)
      }),
    )
  })

  it.each([
    ['2024-02-29', '2024-03-01'],
    ['2025-12-24', '2025-12-29'],
    ['2026-04-02', '2026-04-07'],
  ])('the working day after %s is %s', (from, next) => {
    expect(addWorkingDays(from, 1)).toBe(next)
    expect(addWorkingDays(from, 1)).toBe(englandAndWales.addWorkingDays(from, 1))
  })

  it('working-day sums', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: calendarDayNumber('2015-01-01'), max: calendarDayNumber('2030-12-31') }),
        fc.integer({ min: 0, max: 80 }),
        (n, k) => {
          const iso = fromDayNumber(n)
          expect(addWorkingDays(iso, k)).toBe(englandAndWales.addWorkingDays(iso, k))
          expect(isWorkingDay(n)).toBe(englandAndWales.isWorkingDay(iso))
        },
      ),
    )
  })
})

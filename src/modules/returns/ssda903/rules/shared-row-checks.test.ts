/**
 * `birthday` works a birthday out from the date's text rather than through a Date: the same
 * answer as the platform's `addYears` for every date, leap days, the years at the edges of four
 * digits and text that is not a date included.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addYears } from '../../../../platform/calendar/dates.js'
import { birthday } from './shared-row-checks.js'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

describe('birthday', () => {
  it('is the date so many years on, 29 February falling on 28 February', () => {
    expect(birthday('2008-02-29', 18)).toBe('2026-02-28')
    expect(birthday('2008-02-29', 16)).toBe('2024-02-29')
    expect(birthday('2009-03-31', 17)).toBe('2026-03-31')
  })

  it('gives what addYears gives, for any date and number of years', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: -30, max: 30 }),
        (y, m, d, years) => {
          const day = Math.min(d, new Date(Date.UTC(2001, m, 0)).getUTCDate() + (m === 2 ? 1 : 0))
          const iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(day, 2)}`
          if (new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) return
          expect(birthday(iso, years)).toBe(addYears(iso, years))
        },
      ),
      { numRuns: 5000 },
    )
  })

  it('leaves text that is not a real date to addYears (which may throw)', () => {
    const outcome = (f: () => string): string => {
      try {
        return f()
      } catch (err) {
        return `threw ${(err as Error).name}`
      }
    }
    for (const text of ['2025-02-30', '2025-13-01', '2025-00-10', '20a5-01-01', '2025/01/01', '25-01-01', ''])
      expect(outcome(() => birthday(text, 18))).toBe(outcome(() => addYears(text, 18)))
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { startsWhileOpen } from './shared-plan-overlap.js'

const REFERENCE = '2026-03-31'

describe('startsWhileOpen', () => {
  it.each([
    ['before the other starts', '2025-05-31', '2025-06-01', '2025-07-01', false, false],
    ['the day the other starts', '2025-06-01', '2025-06-01', '2025-07-01', false, true],
    ['the day before the other ends', '2025-06-30', '2025-06-01', '2025-07-01', false, true],
    ['the day the other ends, end day excluded', '2025-07-01', '2025-06-01', '2025-07-01', false, false],
    ['the day the other ends, end day included', '2025-07-01', '2025-06-01', '2025-07-01', true, true],
    ['the day after the other ends', '2025-07-02', '2025-06-01', '2025-07-01', true, false],
    ['other open, on the reference date', REFERENCE, '2025-06-01', null, false, true],
    ['other open, after the reference date', '2026-04-01', '2025-06-01', null, false, false],
    ['other with no start', '2025-06-15', null, '2025-07-01', true, false],
  ])('%s', (_, start, otherStart, otherEnd, endDayCounts, expected) => {
    expect(startsWhileOpen(start, otherStart, otherEnd, REFERENCE, endDayCounts)).toBe(expected)
  })

  const day = fc
    .integer({ min: 0, max: 500 })
    .map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10))

  it('of two plans with the same dates, each starts while the other is open', () => {
    fc.assert(
      fc.property(day, fc.option(day, { nil: null }), (start, end) => {
        fc.pre(end === null || end > start)
        fc.pre(start <= REFERENCE)
        expect(startsWhileOpen(start, start, end, REFERENCE, false)).toBe(true)
      }),
    )
  })

  it('counting the end day never reports fewer overlaps', () => {
    fc.assert(
      fc.property(day, day, fc.option(day, { nil: null }), (start, otherStart, otherEnd) => {
        if (startsWhileOpen(start, otherStart, otherEnd, REFERENCE, false)) {
          expect(startsWhileOpen(start, otherStart, otherEnd, REFERENCE, true)).toBe(true)
        }
      }),
    )
  })
})

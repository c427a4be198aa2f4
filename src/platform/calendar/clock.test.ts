import { describe, expect, it } from 'vitest'
import { fixedClock, systemClock } from './clock.js'

describe('clock', () => {
  it('a fixed clock stands still, and hands out copies that callers cannot move', () => {
    const clock = fixedClock('2026-12-24T16:59:00Z')
    const first = clock.now()
    first.setUTCFullYear(1990)
    expect(clock.now().toISOString()).toBe('2026-12-24T16:59:00.000Z')
    clock.advance(60_000)
    expect(clock.now().toISOString()).toBe('2026-12-24T17:00:00.000Z')
    clock.set('2027-01-04T09:00:00Z')
    expect(clock.now().toISOString()).toBe('2027-01-04T09:00:00.000Z')
  })

  it('refuses a time that is not one', () => {
    expect(() => fixedClock('not a date')).toThrow(/not a time/)
    expect(() => fixedClock('2026-01-01T00:00:00Z').set('31/12/2026')).toThrow(/not a time/)
  })

  it('the system clock reads the time now', () => {
    const before = Date.now()
    const now = systemClock.now().getTime()
    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(Date.now())
  })
})

import { describe, expect, it } from 'vitest'
import { STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import { englandAndWales as calendar } from '../../platform/calendar/working-days.js'
import { nextOversightDue, OVERSIGHT_CLOCK, SETTINGS } from '../casenotes/model.js'
import { addCalendarDays } from '../../platform/calendar/dates.js'
import { addWorkingDays } from './dates.js'
import { born, cinVisitDays, oversightChain } from './load-notes.js'
import { streamFor } from './random.js'

const definition = STATUTORY_CLOCKS.find((d) => d.code === OVERSIGHT_CLOCK)
if (!definition) throw new Error('no oversight clock')

describe('visits to a household on a CIN plan', () => {
  it('starts within two weeks of the plan and comes every four to eight weeks, up to the day given', () => {
    for (let k = 0; k < 200; k++) {
      const days = cinVisitDays('2025-04-07', '2026-03-31', streamFor('t', 'cin', k))
      expect(days.length).toBeGreaterThan(5)
      expect(workingDaysBetween('2025-04-07', days[0] as string)).toBeGreaterThanOrEqual(3)
      expect(workingDaysBetween('2025-04-07', days[0] as string)).toBeLessThanOrEqual(10)
      for (let i = 1; i < days.length; i++) {
        const gap = workingDaysBetween(days[i - 1] as string, days[i] as string)
        expect(gap).toBeGreaterThanOrEqual(18)
        expect(gap).toBeLessThanOrEqual(40)
      }
      expect((days.at(-1) as string) <= '2026-03-31').toBe(true)
    }
  })

  it('has none for a plan that ends before its first visit', () => {
    expect(cinVisitDays('2025-04-07', '2025-04-08', streamFor('t', 'cin', 'short'))).toEqual([])
  })
})

describe('whether a child can be seen', () => {
  it('is not for an unborn child, nor before the day of birth', () => {
    expect(born(null, '2026-01-01')).toBe(false)
    expect(born('2026-01-02', '2026-01-01')).toBe(false)
    expect(born('2026-01-01', '2026-01-01')).toBe(true)
  })
})

describe('a case’s oversight from its allocation', () => {
  const codes = SETTINGS.intervals.map((i) => i.code)

  it('is due as the clock says, held near each due day, the first within a week of allocation', () => {
    for (let k = 0; k < 200; k++) {
      const chain = oversightChain('2025-06-02', '2026-11-20', definition, calendar, streamFor('t', 'o', k))
      expect(chain.length).toBeGreaterThan(5)
      expect(workingDaysBetween('2025-06-02', chain[0]?.heldOn as string)).toBeLessThanOrEqual(5)
      for (const [i, o] of chain.entries()) {
        expect(codes).toContain(o.interval)
        expect(o.nextDueOn).toBe(nextOversightDue(definition, o.heldOn, o.interval, calendar))
        expect(o.heldOn <= '2026-11-20').toBe(true)
        expect(o.actions.length).toBeLessThanOrEqual(2)
        const next = chain[i + 1]
        if (!next) continue
        expect(next.heldOn > o.heldOn).toBe(true)
        // A few days early, or up to eight working days late.
        expect(workingDaysBetween(o.nextDueOn, next.heldOn)).toBeLessThanOrEqual(8)
        expect(next.heldOn >= addDays(o.nextDueOn, -3)).toBe(true)
      }
    }
  })

  it('leaves the last one overdue for about one case in ten, otherwise due after the end', () => {
    let overdue = 0
    const runs = 1000
    for (let k = 0; k < runs; k++) {
      const chain = oversightChain('2025-06-02', '2026-11-20', definition, calendar, streamFor('t', 'd', k))
      if ((chain.at(-1)?.nextDueOn as string) <= '2026-11-20') overdue++
    }
    expect(overdue / runs).toBeGreaterThan(0.05)
    expect(overdue / runs).toBeLessThan(0.2)
  })

  it('has none for a case allocated after the end', () => {
    expect(oversightChain('2026-11-20', '2026-11-20', definition, calendar, streamFor('t', 'x'))).toEqual([])
  })
})

const addDays = addCalendarDays

/** Working days from `from` to `to` (the synthetic calendar's, weekends only). */
function workingDaysBetween(from: string, to: string): number {
  let n = 0
  while (addWorkingDays(from, n + 1) <= to) n++
  return n
}

import { describe, expect, it } from 'vitest'
import { STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import { englandAndWales as calendar } from '../../platform/calendar/working-days.js'
import { nextOversightDue, OVERSIGHT_CLOCK, SETTINGS } from '../casenotes/model.js'
import { addCalendarDays } from '../../platform/calendar/dates.js'
import { addWorkingDays } from './dates.js'
import { cinReviewDays } from './load-cin.js'
import { born, cinVisitDays, oversightChain } from './load-notes.js'
import { streamFor } from './random.js'

const definition = STATUTORY_CLOCKS.find((d) => d.code === OVERSIGHT_CLOCK)
if (!definition) throw new Error('no oversight clock')

describe('visits to a household on a CIN plan', () => {
  it('starts within two weeks of the plan and comes at its frequency, a few late, up to the day given', () => {
    for (const [frequency, every] of [
      ['2w', 14],
      ['20d', 20],
      ['4w', 28],
      ['6w', 42],
    ] as const) {
      let gaps = 0
      let late = 0
      for (let k = 0; k < 200; k++) {
        const days = cinVisitDays('2025-04-07', '2026-03-31', frequency, streamFor('t', 'cin', frequency, k))
        expect(days.length).toBeGreaterThan(5)
        const first = calendarDaysBetween('2025-04-07', days[0] as string)
        expect(workingDaysBetween('2025-04-07', days[0] as string)).toBeGreaterThanOrEqual(3)
        expect(first).toBeLessThanOrEqual(every)
        for (let i = 1; i < days.length; i++) {
          const gap = calendarDaysBetween(days[i - 1] as string, days[i] as string)
          expect(gap).toBeGreaterThanOrEqual(Math.round(every * 0.65) - 4)
          expect(gap).toBeLessThanOrEqual(Math.round(every * 1.4) + 4)
          gaps++
          if (gap > every) late++
        }
        expect((days.at(-1) as string) <= '2026-03-31').toBe(true)
      }
      // Most on time, a realistic minority late.
      expect(late / gaps).toBeGreaterThan(0.05)
      expect(late / gaps).toBeLessThan(0.2)
    }
  })

  it('has none for a plan that ends before its first visit', () => {
    expect(cinVisitDays('2025-04-07', '2025-04-08', '4w', streamFor('t', 'cin', 'short'))).toEqual([])
  })
})

describe('the reviews of a CIN plan', () => {
  it('come first within 3 months and then within 6, a share late, on working days up to the day given', () => {
    let reviews = 0
    let late = 0
    for (let k = 0; k < 300; k++) {
      const days = cinReviewDays('2024-04-08', '2026-03-31', streamFor('t', 'cin-review', k))
      expect(days.length).toBeGreaterThanOrEqual(3)
      let from = '2024-04-08'
      for (const [i, day] of days.entries()) {
        const due = addCalendarMonths(from, i === 0 ? 3 : 6)
        reviews++
        if (day > due) late++
        expect(calendar.isWorkingDay(day)).toBe(true)
        expect(day > from).toBe(true)
        from = day
      }
      expect((days.at(-1) as string) <= '2026-03-31').toBe(true)
    }
    expect(late / reviews).toBeGreaterThan(0.08)
    expect(late / reviews).toBeLessThan(0.25)
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

/** Calendar days from `from` to `to`. */
function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)
}

/** `months` calendar months after `from`, the month's last day when it is shorter. */
function addCalendarMonths(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number]
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate()
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10)
}

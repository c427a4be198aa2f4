import { describe, expect, it } from 'vitest'
import { FRONTDOOR_MEASURES, hoursPhrase, measurePeriod, meetsTarget, percentage } from './measures.js'

describe('the front door’s measures', () => {
  it('covers the twelve months to date, from the first of the month eleven months back (London)', () => {
    const p = measurePeriod(new Date('2031-03-15T12:00:00Z'))
    expect(p.starts.toISOString()).toBe('2030-03-31T23:00:00.000Z') // 1 April 2030, British Summer Time
    expect(p.months[0]).toBe('2030-04')
    expect(p.months[11]).toBe('2031-03')
    expect(p.months).toHaveLength(12)
    // Half past midnight on 1 July in London (still 30 June in UTC): July is the last month.
    expect(measurePeriod(new Date('2026-06-30T23:30:00Z')).months[11]).toBe('2026-07')
    expect(measurePeriod(new Date('2026-11-30T23:30:00Z')).months[11]).toBe('2026-11')
  })

  it('rounds percentages and has none of nothing', () => {
    expect(percentage(2, 3)).toBe(67)
    expect(percentage(1, 4)).toBe(25)
    expect(percentage(0, 0)).toBeNull()
  })

  it('judges a target by the measure’s polarity', () => {
    expect(meetsTarget({ target: 95, polarity: 'higher_is_better' }, 95)).toBe(true)
    expect(meetsTarget({ target: 95, polarity: 'higher_is_better' }, 94)).toBe(false)
    expect(meetsTarget({ target: 10, polarity: 'lower_is_better' }, 12)).toBe(false)
    expect(meetsTarget({ polarity: 'higher_is_better' }, 50)).toBeNull()
    expect(meetsTarget({ target: 10, polarity: 'neither' }, 50)).toBeNull()
  })

  it('says a median time in hours, or days and hours past a day', () => {
    expect(hoursPhrase(17)).toBe('17 hours')
    expect(hoursPhrase(1)).toBe('1 hour')
    expect(hoursPhrase(3.46)).toBe('3.5 hours')
    expect(hoursPhrase(50)).toBe('2 days 2 hours')
    expect(hoursPhrase(24)).toBe('1 day')
    expect(hoursPhrase(null)).toBe('No decisions')
  })

  it('defines each measure once, in words and in SQL that returns the contract’s columns', () => {
    const codes = FRONTDOOR_MEASURES.map((m) => m.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const m of FRONTDOOR_MEASURES) {
      expect(m.definition.length).toBeGreaterThan(40)
      for (const statement of [m.denominator, 'numerator' in m ? m.numerator : m.denominator])
        for (const column of ['item_id', 'child_id', ' at', 'category', 'value'])
          expect(statement, `${m.code} ${column}`).toContain(column)
      expect(m.figure === 'percentage').toBe('numerator' in m)
    }
  })
})

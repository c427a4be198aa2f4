import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, workingDaysPhrase } from './dates.js'

describe('dates on pages', () => {
  it('shows calendar dates as they are', () => {
    expect(formatDate('2026-03-05')).toBe('5 March 2026')
    expect(formatDate(null)).toBe('')
  })
  it('shows instants in London time, across the clock change', () => {
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026') // BST
    expect(formatDate(new Date('2026-12-31T23:30:00Z'))).toBe('31 December 2026') // GMT
    expect(formatDateTime(new Date('2026-06-30T13:05:00Z'))).toBe('30 June 2026 at 2:05pm')
  })
  it('reads the hour after midnight and the hour after noon as 12, not 0', () => {
    expect(formatDateTime(new Date('2026-12-06T00:00:00Z'))).toBe('6 December 2026 at 12:00am')
    expect(formatDateTime(new Date('2026-12-06T00:45:00Z'))).toBe('6 December 2026 at 12:45am')
    expect(formatDateTime(new Date('2026-12-06T12:30:00Z'))).toBe('6 December 2026 at 12:30pm')
    expect(formatDateTime(new Date('2026-06-30T11:59:00Z'))).toBe('30 June 2026 at 12:59pm') // BST
  })
  it('spells out working days', () => {
    expect(workingDaysPhrase(0)).toBe('due today')
    expect(workingDaysPhrase(1)).toBe('due in 1 working day')
    expect(workingDaysPhrase(3)).toBe('due in 3 working days')
    expect(workingDaysPhrase(-2)).toBe('2 working days overdue')
  })

  it('property: a date remembered reads the same as one worked out afresh', () => {
    const london = (d: Date, options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', ...options }).format(d)
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const d = new Date(ms)
        const day = london(d, { day: 'numeric', month: 'long', year: 'numeric' })
        const time = london(d, { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' })
          .replace(' ', '')
          .toLowerCase()
        for (let i = 0; i < 2; i++) {
          expect(formatDate(d)).toBe(day)
          expect(formatDateTime(new Date(ms))).toBe(`${day} at ${time}`)
        }
      }),
    )
  })
})

/** The export's choice of each year's previous permanence and UASC row from care's records. */
import { describe, expect, it } from 'vitest'
import { parseCollectionYear } from '../collection-year.js'
import { permanenceInYear, uascInYear } from './model.js'

describe('previous permanence', () => {
  it('is the period’s that started in the year, for the 903', () => {
    const year = parseCollectionYear('2025/26')
    const rows = [
      { childId: 1, periodStart: '2024-06-01', kind: 'Z1', date: null, la: null },
      { childId: 1, periodStart: '2025-09-01', kind: 'P1', date: '2019-01-01', la: '883' },
    ]
    expect(permanenceInYear(rows, year)).toEqual({ kind: 'P1', date: '2019-01-01', la: '883' })
    expect(permanenceInYear(rows.slice(0, 1), year)).toBeNull()
  })
})

describe('UASC', () => {
  it('is in a year’s 903 as the year stood at its end (rules 104, 205B)', () => {
    const year = parseCollectionYear('2025/26')
    const u = { childId: 1, from: '2024-01-10', ceased: '2026-05-01' }
    // Ended after the year: the year's row says the 18th birthday.
    expect(uascInYear(u, '2009-07-15', year)).toEqual({ ceased: '2027-07-15' })
    expect(uascInYear({ ...u, ceased: '2026-02-01' }, '2009-07-15', year)).toEqual({ ceased: '2026-02-01' })
    // Ended before the year began, or began after it: no row.
    expect(uascInYear({ ...u, ceased: '2025-03-01' }, '2009-07-15', year)).toBeNull()
    expect(uascInYear({ ...u, from: '2026-04-01' }, '2009-07-15', year)).toBeNull()
    expect(uascInYear(undefined, '2009-07-15', year)).toBeNull()
  })
})

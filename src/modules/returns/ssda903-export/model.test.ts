/** The export's choice of each year's previous permanence, UASC and adoption rows from care's records. */
import { describe, expect, it } from 'vitest'
import { parseCollectionYear } from '../collection-year.js'
import { adoptionInYear, permanenceInYear, uascInYear, type AdoptionRow } from './model.js'

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

describe('adoption', () => {
  const year = parseCollectionYear('2025/26')
  const row = (r: Partial<AdoptionRow> = {}): AdoptionRow => ({
    childId: 1,
    periodStart: '2024-02-01',
    periodEnd: null,
    decision: '2025-01-10',
    reversed: null,
    matched: '2025-05-02',
    adopters: 2,
    adopterSexes: 'MF',
    adopterLegalStatus: 'L11',
    byFosterCarer: false,
    adopted: null,
    ...r,
  })

  it('is the decision that stood in the year, with the match and the order', () => {
    expect(adoptionInYear([row({ periodEnd: '2025-10-01', adopted: '2025-10-01' })], year)).toEqual({
      decision: '2025-01-10',
      matched: '2025-05-02',
      adopted: '2025-10-01',
      byFosterCarer: false,
      adopters: 2,
      adopterSexes: 'MF',
      adopterLegalStatus: 'L11',
      reversed: null,
    })
    // Reversed on the year's first day still stood in it; a decision on its last day too.
    expect(adoptionInYear([row({ reversed: { date: '2025-04-01', reason: 'RD1' } })], year)).not.toBeNull()
    expect(adoptionInYear([row({ decision: '2026-03-31', matched: null })], year)?.matched).toBeNull()
  })

  it('leaves out a decision made after the year, reversed before it, or of a period ended before it', () => {
    expect(adoptionInYear([row({ decision: '2026-04-01' })], year)).toBeNull()
    expect(adoptionInYear([row({ reversed: { date: '2025-03-31', reason: 'RD1' } })], year)).toBeNull()
    expect(adoptionInYear([row({ periodEnd: '2025-03-31' })], year)).toBeNull()
    // The latest period's when two stood.
    const later = row({ periodStart: '2025-06-01', decision: '2025-08-01' })
    expect(adoptionInYear([row(), later], year)?.decision).toBe('2025-08-01')
  })
})

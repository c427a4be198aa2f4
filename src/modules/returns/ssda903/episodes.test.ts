import { describe, expect, it } from 'vitest'
import { testChild } from './test-child.js'
import {
  addDays,
  addYears,
  daysBetween,
  episodesByStart,
  isUnder,
  legalStatusSpells,
  rememberLast,
} from './episodes.js'

describe('episode and date helpers', () => {
  it('orders episodes by start, undated ones last in file order', () => {
    const child = testChild({
      Episodes: [{ DECOM: '' }, { DECOM: '01/06/2025' }, { DECOM: 'junk' }, { DECOM: '01/05/2025' }],
    })
    expect(episodesByStart(child.current.Episodes).map((e) => e.row)).toEqual([3, 1, 0, 2])
  })

  it('remembers the last answer for the same list, and works it out again for another or a longer one', () => {
    let calls = 0
    const sorted = rememberLast((rows: readonly number[]) => {
      calls++
      return [...rows].sort((a, b) => a - b)
    })
    const rows = [3, 1, 2]
    expect(sorted(rows)).toEqual([1, 2, 3])
    expect(sorted(rows)).toBe(sorted(rows))
    expect(calls).toBe(1)
    expect(sorted([3, 1, 2])).toEqual([1, 2, 3])
    expect(calls).toBe(2)
    const other = [3, 1, 2]
    sorted(other)
    other.push(0)
    expect(sorted(other)).toEqual([0, 1, 2, 3])
    expect(calls).toBe(4)
    // Shared by every rule that asks, so no rule may change it.
    expect(Object.isFrozen(sorted(other))).toBe(true)
  })

  it.each([
    ['2012-02-29', 18, '2030-02-28'],
    ['2012-02-29', 4, '2016-02-29'],
    ['2012-05-01', -1, '2011-05-01'],
    ['9990-01-01', 25, '9999-12-31'],
  ])('adds years to %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected)
  })

  it('adds days and counts them, staying within 0000–9999', () => {
    expect(addDays('2025-03-31', 1)).toBe('2025-04-01')
    expect(addDays('9999-12-30', 10)).toBe('9999-12-31')
    expect(daysBetween('2025-04-01', '2025-04-22')).toBe(21)
  })

  it('is under an age until the birthday', () => {
    expect(isUnder('2015-06-01', 10, '2025-05-31')).toBe(true)
    expect(isUnder('2015-06-01', 10, '2025-06-01')).toBe(false)
  })
})

describe('legal status spells', () => {
  const child = testChild({
    Episodes: [
      { DECOM: '01/05/2025', DEC: '03/05/2025', LS: 'L2' },
      { DECOM: '03/05/2025', DEC: '10/05/2025', LS: 'L2' },
      { DECOM: '10/05/2025', DEC: '01/06/2025', LS: 'C1' },
      { DECOM: '01/07/2025', LS: 'L2' },
      { DECOM: '01/08/2025', DEC: 'soon', LS: 'L2' },
    ],
  })

  it('joins episodes that follow on, and runs an open one to the given day', () => {
    const spells = legalStatusSpells(child.current.Episodes, 'L2', '2026-03-31')
    expect(spells.map((s) => [s.start, s.end, s.episodes.length])).toEqual([
      ['2025-05-01', '2025-05-10', 2],
      ['2025-07-01', '2026-03-31', 1],
    ])
  })
})

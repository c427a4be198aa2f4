import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1003 } from './rule-1003.js'

const ctx = testContext()

describe('1003 decision to place for adoption not before care began', () => {
  it.each([
    ['the day before', '01/06/2025', '31/05/2025', 2],
    ['the day care began', '01/06/2025', '01/06/2025', 0],
    ['the day after', '01/06/2025', '02/06/2025', 0],
    ['no decision date', '01/06/2025', '', 0],
    ['no start date', '', '31/05/2025', 0],
  ])('%s', (_, decom, placed, expected) => {
    const child = testChild({
      Episodes: [{ DECOM: decom, RNE: 'S' }],
      PlacedAdoption: [{ DATE_PLACED: placed }],
    })
    expect(rule1003.check(child, ctx)).toHaveLength(expected)
  })

  it('compares with the earliest episode that started care (RNE S)', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/05/2025', RNE: 'P' },
        { DECOM: '01/03/2026', RNE: 'S' },
        { DECOM: '01/06/2025', RNE: 'S' },
      ],
      PlacedAdoption: [{ DATE_PLACED: '20/05/2025' }],
    })
    expect(rule1003.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['PlacedAdoption', 0],
      ['Episodes', 2],
    ])
  })
})

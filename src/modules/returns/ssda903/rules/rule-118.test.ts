import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule118 } from './rule-118.js'

const ctx = testContext()

describe('118 decision no longer to place is not before the year or before care began', () => {
  it.each([
    ['the day before the year', '01/01/2024', '31/03/2025', 2],
    ['the first day of the year', '01/01/2024', '01/04/2025', 0],
    ['the day before care began', '01/06/2025', '31/05/2025', 2],
    ['the day care began', '01/06/2025', '01/06/2025', 0],
    ['blank', '01/06/2025', '', 0],
    ['not a date', '01/06/2025', '00/05/2025', 0],
  ])('%s', (_, decom, ceased, expected) => {
    const child = testChild({
      Episodes: [{ DECOM: decom, LS: 'C2' }],
      PlacedAdoption: [{ DATE_PLACED_CEASED: ceased }],
    })
    expect(rule118.check(child, ctx)).toHaveLength(expected)
  })

  it('compares with the first episode that is not a short break', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/05/2025', LS: 'V3', DEC: '02/05/2025', REC: 'E8' },
        { DECOM: '01/07/2025', LS: 'C1' },
      ],
      PlacedAdoption: [{ DATE_PLACED_CEASED: '30/06/2025' }],
    })
    expect(rule118.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['PlacedAdoption', 0],
      ['Episodes', 1],
    ])
  })

  it('does not check a child with no episodes', () => {
    expect(
      rule118.check(testChild({ PlacedAdoption: [{ DATE_PLACED_CEASED: '01/01/2020' }] }), ctx),
    ).toHaveLength(0)
  })
})

import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule523 } from './rule-523.js'

const run = (placed: TestCells<'PlacedAdoption'>[], dateInt: string) =>
  rule523.check(testChild({ PlacedAdoption: placed, AD1: [{ DATE_INT: dateInt }] }), testContext())

describe('523 decision to place differs from the best-interests decision', () => {
  it.each([
    ['the same day', '10/06/2025', 0],
    ['a day before', '09/06/2025', 2],
    ['a day after', '11/06/2025', 2],
    ['no best-interests date', '', 0],
  ])('%s', (_, dateInt, expected) => {
    expect(run([{ DATE_PLACED: '10/06/2025' }], dateInt)).toHaveLength(expected)
  })
  it('compares the latest decision only', () => {
    const placed = [
      { DATE_PLACED: '01/01/2024', DATE_PLACED_CEASED: '01/06/2024', REASON_PLACED_CEASED: 'RD1' },
      { DATE_PLACED: '10/06/2025' },
    ]
    expect(run(placed, '10/06/2025')).toHaveLength(0)
    expect(run(placed, '01/01/2024').map((h) => [h.table, h.row])).toEqual([
      ['PlacedAdoption', 1],
      ['AD1', 0],
    ])
  })
  it('does nothing without a readable decision date', () => {
    expect(run([{ DATE_PLACED: '' }], '10/06/2025')).toHaveLength(0)
  })
})

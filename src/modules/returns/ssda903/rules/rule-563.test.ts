import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule563 } from './rule-563.js'

describe('563 reversed decision with no decision date', () => {
  it.each([
    [
      'reason and date, no decision date',
      { REASON_PLACED_CEASED: 'RD1', DATE_PLACED_CEASED: '01/06/2025' },
      1,
    ],
    [
      'with a decision date',
      { DATE_PLACED: '01/01/2025', REASON_PLACED_CEASED: 'RD1', DATE_PLACED_CEASED: '01/06/2025' },
      0,
    ],
    [
      'unreadable decision date (not blank)',
      { DATE_PLACED: 'Jan', REASON_PLACED_CEASED: 'RD1', DATE_PLACED_CEASED: '01/06/2025' },
      0,
    ],
    ['reason only', { REASON_PLACED_CEASED: 'RD1' }, 0],
    ['date ceased only', { DATE_PLACED_CEASED: '01/06/2025' }, 0],
  ] as [string, TestCells<'PlacedAdoption'>, number][])('%s', (_, cells, expected) => {
    expect(rule563.check(testChild({ PlacedAdoption: [cells] }), testContext())).toHaveLength(expected)
  })
})

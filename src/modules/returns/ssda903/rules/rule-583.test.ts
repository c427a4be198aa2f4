import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule583 } from './rule-583.js'

const ctx = testContext()
const decisions = (...rows: [string, string][]) =>
  testChild({
    PlacedAdoption: rows.map(([DATE_PLACED, DATE_PLACED_CEASED]) => ({ DATE_PLACED, DATE_PLACED_CEASED })),
  })

describe('583 an earlier decision not revoked', () => {
  it('reports each earlier decision with no date ceased', () => {
    const child = decisions(['01/07/2025', ''], ['01/01/2024', ''], ['01/01/2025', '01/03/2025'])
    expect(rule583.check(child, ctx).map((h) => h.row)).toEqual([1])
  })
  it.each([
    ['one decision', [['01/01/2025', '']], 0],
    [
      'the earlier one revoked',
      [
        ['01/01/2025', '01/03/2025'],
        ['01/07/2025', ''],
      ],
      0,
    ],
    [
      'the latest may be open or revoked',
      [
        ['01/01/2025', '01/03/2025'],
        ['01/07/2025', '01/08/2025'],
      ],
      0,
    ],
    [
      'the earlier one open',
      [
        ['01/01/2025', ''],
        ['01/07/2025', ''],
      ],
      1,
    ],
    [
      'a decision with no date, open',
      [
        ['', ''],
        ['01/07/2025', ''],
      ],
      1,
    ],
  ] as [string, [string, string][], number][])('%s', (_, rows, expected) => {
    expect(rule583.check(decisions(...rows), ctx)).toHaveLength(expected)
  })
})

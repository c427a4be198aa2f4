import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule579 } from './rule-579.js'

const ctx = testContext()
const decisions = (...rows: [string, string][]) =>
  testChild({
    PlacedAdoption: rows.map(([DATE_PLACED, DATE_PLACED_CEASED]) => ({ DATE_PLACED, DATE_PLACED_CEASED })),
  })

describe('579 overlapping or open decisions to place for adoption', () => {
  it.each([
    ['next made the day before the last ceased', ['01/05/2025', '10/05/2025'], ['09/05/2025', ''], 1],
    ['next made the day it ceased', ['01/05/2025', '10/05/2025'], ['10/05/2025', ''], 0],
    ['next made the day after', ['01/05/2025', '10/05/2025'], ['11/05/2025', ''], 0],
    ['the earlier one still in force', ['01/05/2025', ''], ['11/05/2025', ''], 1],
    ['earlier ceased date unreadable', ['01/05/2025', '10/05/25'], ['11/05/2025', ''], 0],
    ['a decision with no date', ['', ''], ['11/05/2025', ''], 0],
  ] as [string, [string, string], [string, string], number][])('%s', (_, a, b, expected) => {
    expect(rule579.check(decisions(a, b), ctx)).toHaveLength(expected)
  })
  it('reports the later decision whatever the file order', () => {
    expect(rule579.check(decisions(['11/05/2025', ''], ['01/05/2025', '']), ctx).map((h) => h.row)).toEqual([
      0,
    ])
  })
})

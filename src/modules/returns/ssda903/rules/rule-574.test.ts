import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule574 } from './rule-574.js'

const ctx = testContext()
const missing = (...periods: [string, string][]) =>
  testChild({ Missing: periods.map(([MIS_START, MIS_END]) => ({ MISSING: 'M', MIS_START, MIS_END })) })

describe('574 overlapping or open missing periods', () => {
  it.each([
    [
      'next starts the day before the last ended',
      ['01/05/2025', '10/05/2025'],
      ['09/05/2025', '12/05/2025'],
      1,
    ],
    ['next starts the day the last ended', ['01/05/2025', '10/05/2025'], ['10/05/2025', '12/05/2025'], 0],
    ['next starts the day after', ['01/05/2025', '10/05/2025'], ['11/05/2025', '12/05/2025'], 0],
    ['the earlier one is still open', ['01/05/2025', ''], ['11/05/2025', '12/05/2025'], 1],
    ['only the last is open', ['01/05/2025', '02/05/2025'], ['11/05/2025', ''], 0],
    ['earlier end unreadable', ['01/05/2025', '31/05/25'], ['11/05/2025', ''], 0],
    ['a period with no start', ['', '10/05/2025'], ['09/05/2025', ''], 0],
  ] as [string, [string, string], [string, string], number][])('%s', (_, a, b, expected) => {
    expect(rule574.check(missing(a, b), ctx)).toHaveLength(expected)
  })

  it('reports the later-starting period whatever the file order', () => {
    const hits = rule574.check(missing(['09/05/2025', '12/05/2025'], ['01/05/2025', '10/05/2025']), ctx)
    expect(hits.map((h) => h.row)).toEqual([0])
  })

  it('compares with the latest end so far, not only the period before', () => {
    const child = missing(
      ['01/05/2025', '30/05/2025'],
      ['02/05/2025', '03/05/2025'],
      ['10/05/2025', '11/05/2025'],
    )
    expect(rule574.check(child, ctx).map((h) => h.row)).toEqual([1, 2])
  })
})

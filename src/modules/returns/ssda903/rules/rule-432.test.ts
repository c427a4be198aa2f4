import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule432 } from './rule-432.js'

const ctx = testContext()
const child = (rec: string, rne: string) =>
  testChild({
    Episodes: [
      { DECOM: '01/07/2025', RNE: rne },
      { DECOM: '01/05/2025', DEC: '10/05/2025', REC: rec, RNE: 'S' },
    ],
  })

describe('432 after leaving care, the next episode is a new start', () => {
  it.each([
    ['left care (E13), next is S', 'E13', 'S', 0],
    ['left care (E4A), next is P', 'E4A', 'P', 1],
    ['left care (E8), next has no reason', 'E8', '', 1],
    ['X1, next is P', 'X1', 'P', 0],
    ['no reason ceased, next is P', '', 'P', 0],
  ])('%s', (_, rec, rne, expected) => {
    expect(rule432.check(child(rec, rne), ctx)).toHaveLength(expected)
  })
  it('reports the later episode', () => {
    expect(rule432.check(child('E13', 'P'), ctx).map((h) => h.row)).toEqual([0])
  })
})

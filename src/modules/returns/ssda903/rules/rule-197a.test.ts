import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule197a } from './rule-197a.js'

const ctx = testContext()

describe('197a not both an SDQ score and a reason for none', () => {
  it.each([
    ['both', '12', 'SDQ2', 1],
    ['score only', '12', '', 0],
    ['reason only', '', 'SDQ2', 0],
    ['neither', '', '', 0],
  ])('%s', (_, score, reason, expected) => {
    expect(rule197a.check(testChild({ OC2: [{ SDQ_SCORE: score, SDQ_REASON: reason }] }), ctx)).toHaveLength(
      expected,
    )
  })
})

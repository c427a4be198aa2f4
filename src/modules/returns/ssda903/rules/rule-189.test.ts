import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule189 } from './rule-189.js'

const ctx = testContext()

describe('189 no SDQ for a child 17 or over at the start of the year', () => {
  it.each([
    ['17th birthday on 31 March before, score', '31/03/2008', '10', '', 1],
    ['17th birthday on 31 March before, reason', '31/03/2008', '', 'SDQ1', 1],
    ['17th birthday on 1 April', '01/04/2008', '10', '', 0],
    ['17 before the year, nothing', '31/03/2008', '', '', 0],
    ['a bad date of birth', '31/02/2008', '10', '', 0],
  ])('%s', (_, dob, score, reason, expected) => {
    const child = testChild({ OC2: [{ DOB: dob, SDQ_SCORE: score, SDQ_REASON: reason }] })
    expect(rule189.check(child, ctx)).toHaveLength(expected)
  })
})

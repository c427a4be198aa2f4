import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule188 } from './rule-188.js'

const ctx = testContext()

describe('188 no SDQ for a child under 4 at 31 March', () => {
  it.each([
    ['4th birthday on 31 March, score', '31/03/2022', '10', '', 0],
    ['4th birthday on 1 April after, score', '01/04/2022', '10', '', 1],
    ['4th birthday on 1 April after, reason', '01/04/2022', '', 'SDQ1', 1],
    ['under 4, nothing', '01/04/2022', '', '', 0],
    ['no date of birth', '', '10', '', 0],
  ])('%s', (_, dob, score, reason, expected) => {
    const child = testChild({ OC2: [{ DOB: dob, SDQ_SCORE: score, SDQ_REASON: reason }] })
    expect(rule188.check(child, ctx)).toHaveLength(expected)
  })
})

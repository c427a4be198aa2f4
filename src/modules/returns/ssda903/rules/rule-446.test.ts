import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule446 } from './rule-446.js'

describe('446 E1 not before December 2005', () => {
  it.each([
    ['E1 on 30 November 2005', 'E1', '30/11/2005', 1],
    ['E1 on 1 December 2005', 'E1', '01/12/2005', 0],
    ['E1 on 2 December 2005', 'E1', '02/12/2005', 0],
    ['C2 before December 2005', 'C2', '30/11/2005', 0],
    ['E1 with no start date', 'E1', '', 0],
    ['E1 with an unreadable start date', 'E1', '2005-11-30', 0],
  ])('%s', (_, ls, decom, expected) => {
    expect(rule446.check(testChild({ Episodes: [{ LS: ls, DECOM: decom }] }), testContext())).toHaveLength(
      expected,
    )
  })
})

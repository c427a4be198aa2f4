import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule351 } from './rule-351.js'

describe('351 over 25 at the start of the year', () => {
  it.each([
    ['25 on 1 April', '01/04/2000', 0],
    ['25 the day before', '31/03/2000', 1],
    ['25 the day after', '02/04/2000', 0],
    ['blank', '', 0],
  ])('%s', (_, dob, expected) => {
    expect(rule351.check(testChild({ Header: [{ DOB: dob }] }), testContext())).toHaveLength(expected)
  })
})

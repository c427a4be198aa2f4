import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule620 } from './rule-620.js'

const ctx = testContext()

describe('620 a mother is at least 11', () => {
  it.each([
    ['11 the day before the year', '31/03/2014', '1', 0],
    ['11 on 1 April', '01/04/2014', '1', 0],
    ['11 the day after', '02/04/2014', '1', 1],
    ['not a mother', '02/04/2014', '0', 0],
    ['unreadable DOB', '2014', '1', 0],
  ])('%s', (_, dob, mother, expected) => {
    expect(rule620.check(testChild({ Header: [{ DOB: dob, MOTHER: mother }] }), ctx)).toHaveLength(expected)
  })
})

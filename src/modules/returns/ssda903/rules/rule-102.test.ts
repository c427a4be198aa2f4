import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule102 } from './rule-102.js'

const ctx = testContext()

describe('102 date of birth is a valid date', () => {
  it.each([
    ['a real date', '29/02/2012', 0],
    ['not a leap year', '29/02/2013', 1],
    ['day out of range', '32/01/2012', 1],
    ['ISO form', '2012-01-01', 1],
    ['blank', '', 1],
  ])('%s', (_, dob, expected) => {
    expect(rule102.check(testChild({ Header: [{ DOB: dob }] }), ctx)).toHaveLength(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule347 } from './rule-347.js'

describe('347 under 18 in a foyer', () => {
  it.each([
    ['18 on 1 April', '01/04/2007', 'T1', 0],
    ['18 the day after', '02/04/2007', 'T2', 1],
    ['18 the day before', '31/03/2007', 'T1', 0],
    ['under 18, not a foyer', '02/04/2007', 'U1', 0],
    ['invalid DOB', '31/04/2007', 'T1', 0],
  ])('%s', (_, dob, accom, expected) => {
    const child = testChild({ OC3: [{ DOB: dob, ACCOM: accom }] })
    expect(rule347.check(child, testContext())).toHaveLength(expected)
  })
})

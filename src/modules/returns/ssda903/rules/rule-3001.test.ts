import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule3001 } from './rule-3001.js'

const ctx = testContext()

describe('3001 a 17-year-old care leaver is not living with former foster carers', () => {
  it.each([
    ['17th birthday on 1 April, Z1', '01/04/2008', 'Z1', 1],
    ['17th birthday on 31 March, Z2', '31/03/2009', 'Z2', 1],
    ['17th birthday on 31 March before the year', '31/03/2008', 'Z1', 0],
    ['17th birthday on 1 April after the year', '01/04/2009', 'Z1', 0],
    ['17 in the year, other accommodation', '01/10/2008', 'B1', 0],
    ['no date of birth', '', 'Z1', 0],
  ])('%s', (_, dob, accom, expected) => {
    const child = testChild({ Header: [{ DOB: dob }], OC3: [{ ACCOM: accom }] })
    expect(rule3001.check(child, ctx)).toHaveLength(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule231 } from './rule-231.js'

const ctx = testContext() // year ends 31/03/2026: 11 years before is 31/03/2015

describe('231 UASC child younger than 11', () => {
  it.each([
    ['born 11 years before the year end', '31/03/2015', 0],
    ['born a day later', '01/04/2015', 1],
    ['born a day earlier', '30/03/2015', 0],
    ['invalid DOB', '30/02/2015', 0],
  ])('%s', (_, dob, expected) => {
    expect(rule231.check(testChild({ Header: [{ DOB: dob }], UASC: [{}] }), ctx)).toHaveLength(expected)
  })

  it('ignores a child who is not UASC', () => {
    expect(rule231.check(testChild({ Header: [{ DOB: '01/01/2020' }] }), ctx)).toHaveLength(0)
  })
})

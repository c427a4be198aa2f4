import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule391 } from './rule-391.js'

const ctx = testContext() // 1 April 2025 to 31 March 2026

describe('391 care leaver not 17 to 21 in the year', () => {
  it.each([
    ['17 on 31 March', '31/03/2009', 0],
    ['17 the day after the year', '01/04/2009', 1],
    ['22 on 2 April', '02/04/2003', 0],
    ['22 on 1 April', '01/04/2003', 1],
    ['22 the day before the year', '31/03/2003', 1],
    ['invalid DOB', '31/04/2003', 0],
  ])('%s', (_, dob, expected) => {
    expect(rule391.check(testChild({ OC3: [{ DOB: dob, IN_TOUCH: 'YES' }] }), ctx)).toHaveLength(expected)
  })

  it('ignores a row with nothing in it', () => {
    expect(rule391.check(testChild({ OC3: [{ DOB: '01/04/2012' }] }), ctx)).toHaveLength(0)
  })
})

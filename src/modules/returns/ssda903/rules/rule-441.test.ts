import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule441 } from './rule-441.js'

const ctx = testContext()
const review = (code: string, date: string, dob = '10/06/2021') =>
  testChild({ Reviews: [{ DOB: dob, REVIEW: date, REVIEW_CODE: code }] })

describe('441 PN1–PN7 but under 4 at the review', () => {
  it.each([
    ['the day before the 4th birthday', '09/06/2025', 1],
    ['on the 4th birthday', '10/06/2025', 0],
    ['the day after', '11/06/2025', 0],
    ['no review date', '', 0],
  ])('%s', (_, date, expected) => {
    expect(rule441.check(review('PN7', date), ctx)).toHaveLength(expected)
  })
  it.each(['PN0', 'PN8', ''])('ignores %j', (code) => {
    expect(rule441.check(review(code, '09/06/2022'), ctx)).toHaveLength(0)
  })
})

describe('441 with an invalid DOB', () => {
  it('does nothing', () => {
    const child = testChild({ Reviews: [{ DOB: '30/02/2021', REVIEW: '01/01/2022', REVIEW_CODE: 'PN1' }] })
    expect(rule441.check(child, testContext())).toHaveLength(0)
  })
})

import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule440 } from './rule-440.js'

const ctx = testContext()
const review = (code: string, date: string, dob = '10/06/2021') =>
  testChild({ Reviews: [{ DOB: dob, REVIEW: date, REVIEW_CODE: code }] })

describe('440 PN0 but aged 4 or over at the review', () => {
  it.each([
    ['the day before the 4th birthday', '09/06/2025', 0],
    ['on the 4th birthday', '10/06/2025', 1],
    ['the day after', '11/06/2025', 1],
    ['no review date', '', 0],
    ['unreadable review date', '31/06/2025', 0],
  ])('%s', (_, date, expected) => {
    expect(rule440.check(review('PN0', date), ctx)).toHaveLength(expected)
  })
  it('ignores other codes', () => expect(rule440.check(review('PN1', '10/06/2026'), ctx)).toHaveLength(0))
  it('uses the Header DOB when the review row has none', () => {
    const child = testChild({
      Header: [{ DOB: '10/06/2021' }],
      Reviews: [{ REVIEW: '10/06/2025', REVIEW_CODE: 'pn0' }],
    })
    expect(rule440.check(child, ctx)).toHaveLength(1)
  })
  it('does nothing with no date of birth', () =>
    expect(rule440.check(review('PN0', '10/06/2025', ''), ctx)).toHaveLength(0))
})

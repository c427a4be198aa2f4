import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule167 } from './rule-167.js'

const ctx = testContext()

describe('167 participation code is valid when there is a review', () => {
  it.each([
    ['review with PN1', '01/06/2025', 'PN1', 0],
    ['review with PN0', '01/06/2025', 'PN0', 0],
    ['review, code blank', '01/06/2025', '', 1],
    ['review, code PN8', '01/06/2025', 'PN8', 1],
    ['review date not a date, valid code', '31/06/2025', 'PN7', 0],
    ['neither', '', '', 0],
    ['code without a review', '', 'PN1', 1],
  ])('%s', (_, review, code, expected) => {
    const child = testChild({ Reviews: [{ REVIEW: review, REVIEW_CODE: code }] })
    expect(rule167.check(child, ctx)).toHaveLength(expected)
  })
})

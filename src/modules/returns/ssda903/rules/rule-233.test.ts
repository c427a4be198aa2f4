import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule233 } from './rule-233.js'

describe('233 no reason for placement change on an open episode', () => {
  it.each([
    ['open with a reason', '', 'CARPL', 1],
    ['open without', '', '', 0],
    ['ended with a reason', '01/09/2025', 'CARPL', 0],
    ['invalid end with a reason', '31/09/2025', 'CARPL', 0],
  ])('%s', (_, dec, reason, expected) => {
    const child = testChild({ Episodes: [{ DECOM: '01/06/2025', DEC: dec, REASON_PLACE_CHANGE: reason }] })
    expect(rule233.check(child, testContext())).toHaveLength(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule354 } from './rule-354.js'

describe('354 episode starting after the year', () => {
  it.each([
    ['31 March', '31/03/2026', 0],
    ['1 April', '01/04/2026', 1],
    ['30 March', '30/03/2026', 0],
    ['blank', '', 0],
  ])('%s', (_, decom, expected) => {
    expect(rule354.check(testChild({ Episodes: [{ DECOM: decom }] }), testContext())).toHaveLength(expected)
  })
})

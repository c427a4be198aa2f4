import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule385 } from './rule-385.js'

describe('385 episode ending after the year', () => {
  it.each([
    ['31 March', '31/03/2026', 0],
    ['1 April', '01/04/2026', 1],
    ['30 March', '30/03/2026', 0],
    ['invalid', '31/04/2026', 0],
  ])('%s', (_, dec, expected) => {
    expect(rule385.check(testChild({ Episodes: [{ DEC: dec }] }), testContext())).toHaveLength(expected)
  })
})

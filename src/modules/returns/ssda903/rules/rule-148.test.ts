import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule148 } from './rule-148.js'

const ctx = testContext()

describe('148 date and reason episode ceased come together', () => {
  it.each([
    ['open episode', '', '', 0],
    ['ended with a reason', '01/06/2025', 'E4A', 0],
    ['ended, no reason', '01/06/2025', '', 1],
    ['reason, no date', '', 'X1', 1],
    ['a bad date with a reason (147 reports the date)', '31/06/2025', 'E8', 0],
  ])('%s', (_, dec, rec, expected) => {
    expect(rule148.check(testChild({ Episodes: [{ DEC: dec, REC: rec }] }), ctx)).toHaveLength(expected)
  })
})

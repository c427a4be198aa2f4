import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule180 } from './rule-180.js'

const ctx = testContext()

describe('180 SDQ score is a whole number from 0 to 40', () => {
  it.each([
    ['0', '0', 0],
    ['40', '40', 0],
    ['41', '41', 1],
    ['-1', '-1', 1],
    ['a spreadsheet 12.0', '12.0', 0],
    ['12.5', '12.5', 1],
    ['text', 'high', 1],
    ['blank', '', 0],
  ])('%s', (_, score, expected) => {
    expect(rule180.check(testChild({ OC2: [{ SDQ_SCORE: score }] }), ctx)).toHaveLength(expected)
  })
})

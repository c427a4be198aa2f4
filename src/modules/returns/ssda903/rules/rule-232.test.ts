import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule232 } from './rule-232.js'

describe('232 sex unknown', () => {
  it.each([
    ['U', 1],
    ['u', 1],
    ['M', 0],
    ['', 0],
  ])('%s', (sex, expected) => {
    expect(rule232.check(testChild({ Header: [{ SEX: sex }] }), testContext())).toHaveLength(expected)
  })
})

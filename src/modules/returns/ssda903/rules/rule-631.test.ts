import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule631 } from './rule-631.js'

const ctx = testContext()

describe('631 previous permanence code', () => {
  it.each([
    ['P1', 0],
    ['p4', 0],
    ['Z1', 0],
    ['P5', 1],
    ['P0', 1],
    ['Z', 1],
    ['', 0],
  ])('%s', (code, expected) => {
    expect(rule631.check(testChild({ PrevPerm: [{ PREV_PERM: code }] }), ctx)).toHaveLength(expected)
  })
})

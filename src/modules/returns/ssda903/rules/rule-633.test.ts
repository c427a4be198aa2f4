import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule633 } from './rule-633.js'

const ctx = testContext()

describe('633 LA where the previous order was made', () => {
  it.each([
    ['an English authority', '352', 0],
    ['a code that is no authority', '633', 1],
    ['the lowest code', '201', 0],
    ['999', '999', 0],
    ['Wales', 'wal', 0],
    ['outside the UK', 'NUK', 0],
    ['not an authority', '200', 1],
    ['an ONS code', 'E08000003', 1],
    ['England', 'ENG', 1],
    ['blank', '', 0],
  ])('%s', (_, code, expected) => {
    expect(rule633.check(testChild({ PrevPerm: [{ LA_PERM: code }] }), ctx)).toHaveLength(expected)
  })
})

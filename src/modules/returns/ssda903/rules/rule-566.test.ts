import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule566 } from './rule-566.js'

describe('566 end date but no missing or away code', () => {
  it.each([
    ['end, no code', '', '02/05/2025', 1],
    ['unreadable end, no code', '', '32/05/2025', 1],
    ['end and code', 'A', '02/05/2025', 0],
    ['no end, no code', '', '', 0],
  ])('%s', (_, missing, end, expected) => {
    const child = testChild({ Missing: [{ MISSING: missing, MIS_END: end }] })
    expect(rule566.check(child, testContext())).toHaveLength(expected)
  })
})

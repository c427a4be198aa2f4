import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule565 } from './rule-565.js'

describe('565 start date but no missing or away code', () => {
  it.each([
    ['start, no code', '', '01/05/2025', 1],
    ['unreadable start, no code', '', 'May', 1],
    ['start and code', 'M', '01/05/2025', 0],
    ['nothing', '', '', 0],
  ])('%s', (_, missing, start, expected) => {
    const child = testChild({ Missing: [{ MISSING: missing, MIS_START: start }] })
    expect(rule565.check(child, testContext())).toHaveLength(expected)
  })
})

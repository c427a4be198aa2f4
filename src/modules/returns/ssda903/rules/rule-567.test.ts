import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule567 } from './rule-567.js'

describe('567 missing period ends before it starts', () => {
  it.each([
    ['ends the day before', '10/05/2025', '09/05/2025', 1],
    ['ends the same day', '10/05/2025', '10/05/2025', 0],
    ['ends the day after', '10/05/2025', '11/05/2025', 0],
    ['no end', '10/05/2025', '', 0],
    ['unreadable start', '10/13/2025', '09/05/2025', 0],
  ])('%s', (_, start, end, expected) => {
    const child = testChild({ Missing: [{ MISSING: 'M', MIS_START: start, MIS_END: end }] })
    expect(rule567.check(child, testContext())).toHaveLength(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule571 } from './rule-571.js'

describe('571 missing period ends outside the collection year', () => {
  it.each([
    ['31 March before the year', '31/03/2025', 1],
    ['1 April, first day', '01/04/2025', 0],
    ['31 March, last day', '31/03/2026', 0],
    ['1 April after the year', '01/04/2026', 1],
    ['blank', '', 0],
    ['unreadable', 'ongoing', 0],
  ])('%s', (_, end, expected) => {
    const child = testChild({ Missing: [{ MISSING: 'M', MIS_START: '01/03/2025', MIS_END: end }] })
    expect(rule571.check(child, testContext())).toHaveLength(expected)
  })
})

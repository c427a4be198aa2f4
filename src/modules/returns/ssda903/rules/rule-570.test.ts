import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule570 } from './rule-570.js'

describe('570 missing period starts after the collection year', () => {
  it.each([
    ['31 March', '31/03/2026', 0],
    ['1 April after the year', '01/04/2026', 1],
    ['before the year', '01/01/2025', 0],
    ['blank', '', 0],
    ['unreadable', '01/04/26', 0],
  ])('%s', (_, start, expected) => {
    const child = testChild({ Missing: [{ MISSING: 'M', MIS_START: start }] })
    expect(rule570.check(child, testContext())).toHaveLength(expected)
  })
})

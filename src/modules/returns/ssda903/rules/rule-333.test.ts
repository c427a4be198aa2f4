import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule333 } from './rule-333.js'

describe('333 decision to place for adoption on or before matching', () => {
  it.each([
    ['decision the day before', '09/05/2025', '10/05/2025', 0],
    ['decision on the day', '10/05/2025', '10/05/2025', 0],
    ['decision the day after', '11/05/2025', '10/05/2025', 1],
    ['no decision date', '', '10/05/2025', 1],
    ['invalid decision date', '31/04/2025', '10/05/2025', 1],
    ['no match yet', '', '', 0],
  ])('%s', (_, int, match, expected) => {
    const child = testChild({ AD1: [{ DATE_INT: int, DATE_MATCH: match }] })
    expect(rule333.check(child, testContext())).toHaveLength(expected)
  })
})

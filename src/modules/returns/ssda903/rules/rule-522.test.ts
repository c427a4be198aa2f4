import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule522 } from './rule-522.js'

describe('522 decision reversed before it was made', () => {
  it.each([
    ['reversed the day before', '09/05/2025', 1],
    ['reversed the same day', '10/05/2025', 0],
    ['reversed the day after', '11/05/2025', 0],
    ['not reversed', '', 0],
    ['reversal date unreadable', '9 May', 0],
  ])('%s', (_, ceased, expected) => {
    const child = testChild({ PlacedAdoption: [{ DATE_PLACED: '10/05/2025', DATE_PLACED_CEASED: ceased }] })
    expect(rule522.check(child, testContext())).toHaveLength(expected)
  })
})

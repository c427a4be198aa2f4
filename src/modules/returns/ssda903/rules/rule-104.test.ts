import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule104 } from './rule-104.js'

const ctx = testContext()

describe('104 date UASC status ceased is a real date, not before the year', () => {
  it.each([
    ['blank', '', 0],
    ['the day before the year', '31/03/2025', 1],
    ['the first day of the year', '01/04/2025', 0],
    ['the last day of the year', '31/03/2026', 0],
    ['not a date', '31/02/2025', 1],
    ['text', 'ceased', 1],
  ])('%s', (_, duc, expected) => {
    expect(rule104.check(testChild({ UASC: [{ DUC: duc }] }), ctx)).toHaveLength(expected)
  })
})

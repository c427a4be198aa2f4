import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule168 } from './rule-168.js'

const ctx = testContext()

describe('168 UPN is well formed or UN1 to UN5', () => {
  it.each([
    ['letter and 12 digits', 'A123456789012', 0],
    ['letter, 11 digits, letter', 'H12345678901Z', 0],
    ['lower case', 'a123456789012', 0],
    ['UN1', 'UN1', 0],
    ['UN5', 'UN5', 0],
    ['blank', '', 0],
    ['UN6', 'UN6', 1],
    ['first letter I', 'I123456789012', 1],
    ['first letter O', 'O123456789012', 1],
    ['first letter S', 'S123456789012', 1],
    ['12 characters', 'A12345678901', 1],
    ['14 characters', 'A1234567890123', 1],
    ['digit first', '1123456789012', 1],
  ])('%s', (_, upn, expected) => {
    expect(rule168.check(testChild({ Header: [{ UPN: upn }] }), ctx)).toHaveLength(expected)
  })
})

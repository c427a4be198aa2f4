import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule564 } from './rule-564.js'

describe('564 missing or away with no start date', () => {
  it.each([
    ['M, blank start', 'M', '', 1],
    ['a, spaces for a start', 'a', '  ', 1],
    ['A with a start', 'A', '01/05/2025', 0],
    ['M with an unreadable start', 'M', '31/04/2025', 0],
    ['no code, blank start', '', '', 0],
    ['another code, blank start', 'X', '', 0],
  ])('%s', (_, missing, start, expected) => {
    const child = testChild({ Missing: [{ MISSING: missing, MIS_START: start }] })
    expect(rule564.check(child, testContext())).toHaveLength(expected)
  })
})

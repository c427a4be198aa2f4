import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule408 } from './rule-408.js'

describe('408 placed for adoption under a placement order needs legal status E1', () => {
  it.each([
    ['A5 with E1', 'A5', 'E1', 0],
    ['A6 with E1', 'A6', 'e1', 0],
    ['A5 with C2', 'A5', 'C2', 1],
    ['A6 with no legal status', 'A6', '', 1],
    ['A3 (consent, no order) with C2', 'A3', 'C2', 0],
    ['no placement', '', 'C2', 0],
  ])('%s', (_, place, ls, expected) => {
    const child = testChild({ Episodes: [{ PLACE: place, LS: ls }] })
    expect(rule408.check(child, testContext())).toHaveLength(expected)
  })
})

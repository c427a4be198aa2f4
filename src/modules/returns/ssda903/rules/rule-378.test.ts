import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule378 } from './rule-378.js'

describe('378 placed with parents under V2', () => {
  it.each([
    ['P1 under V2', 'P1', 'V2', 1],
    ['P1 under C2', 'P1', 'C2', 0],
    ['U4 under V2', 'U4', 'V2', 0],
  ])('%s', (_, place, ls, expected) => {
    expect(rule378.check(testChild({ Episodes: [{ PLACE: place, LS: ls }] }), testContext())).toHaveLength(
      expected,
    )
  })
})

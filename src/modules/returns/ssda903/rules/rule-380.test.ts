import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule380 } from './rule-380.js'

describe('380 period of care starting in a temporary placement', () => {
  it.each([
    ['T1 with S', 'T1', 'S', 1],
    ['T4 with T', 'T4', 'T', 1],
    ['T0 blank', 'T0', '', 1],
    ['T3 with P', 'T3', 'P', 0],
    ['T2 with B', 'T2', 'B', 0],
    ['U4 with S', 'U4', 'S', 0],
  ])('%s', (_, place, rne, expected) => {
    expect(rule380.check(testChild({ Episodes: [{ PLACE: place, RNE: rne }] }), testContext())).toHaveLength(
      expected,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule366 } from './rule-366.js'

describe('366 single short break starts with S', () => {
  it.each([
    ['V3 with S', 'V3', 'S', 0],
    ['V3 with P', 'V3', 'P', 1],
    ['V3 blank', 'V3', '', 1],
    ['V4 with P', 'V4', 'P', 0],
  ])('%s', (_, ls, rne, expected) => {
    expect(rule366.check(testChild({ Episodes: [{ LS: ls, RNE: rne }] }), testContext())).toHaveLength(
      expected,
    )
  })
})

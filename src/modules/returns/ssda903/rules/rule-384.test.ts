import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule384 } from './rule-384.js'

describe('384 short break in long-term fostering', () => {
  it.each([
    ['V3 in U1', 'V3', 'U1', 1],
    ['V4 in U4', 'V4', 'U4', 1],
    ['V4 in U6', 'V4', 'U6', 0],
    ['C2 in U4', 'C2', 'U4', 0],
  ])('%s', (_, ls, place, expected) => {
    expect(rule384.check(testChild({ Episodes: [{ LS: ls, PLACE: place }] }), testContext())).toHaveLength(
      expected,
    )
  })
})

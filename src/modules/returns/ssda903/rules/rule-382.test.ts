import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule382 } from './rule-382.js'

describe('382 short break in a temporary placement', () => {
  it.each([
    ['V3 in T1', 'V3', 'T1', 1],
    ['V4 in T4', 'V4', 'T4', 1],
    ['V2 in T1', 'V2', 'T1', 0],
    ['V3 in U6', 'V3', 'U6', 0],
    ['blank status in T1', '', 'T1', 0],
  ])('%s', (_, ls, place, expected) => {
    expect(rule382.check(testChild({ Episodes: [{ LS: ls, PLACE: place }] }), testContext())).toHaveLength(
      expected,
    )
  })
})

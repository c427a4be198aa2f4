import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule381 } from './rule-381.js'

describe('381 period of care ending in a temporary placement', () => {
  it.each([
    ['T1 ending E4A', 'T1', 'E4A', 1],
    ['T1 ending X1', 'T1', 'X1', 0],
    ['T1 not ended', 'T1', '', 0],
    ['U4 ending E4A', 'U4', 'E4A', 0],
  ])('%s', (_, place, rec, expected) => {
    expect(rule381.check(testChild({ Episodes: [{ PLACE: place, REC: rec }] }), testContext())).toHaveLength(
      expected,
    )
  })
})

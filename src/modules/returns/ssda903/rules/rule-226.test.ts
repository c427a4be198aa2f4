import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule226 } from './rule-226.js'

const ctx = testContext()

function child(beforeReason: string, place: string, reason: string) {
  return testChild({
    Episodes: [
      { DECOM: '01/06/2025', DEC: '01/09/2025', PLACE: 'U4', REASON_PLACE_CHANGE: beforeReason },
      { DECOM: '01/09/2025', PLACE: place, REASON_PLACE_CHANGE: reason },
    ],
  })
}

describe('226 no reason for placement change on temporary placements', () => {
  it.each([
    ['none on either', '', 'T3', '', 0],
    ['one on the temporary placement', '', 'T3', 'CARPL', 1],
    ['one on the episode before it', 'CARPL', 'T1', '', 1],
    ['one before a permanent placement', 'CARPL', 'U6', '', 0],
  ])('%s', (_, before, place, reason, expected) => {
    expect(rule226.check(child(before, place, reason), ctx)).toHaveLength(expected)
  })

  it('a first episode that is temporary has nothing before it', () => {
    expect(rule226.check(testChild({ Episodes: [{ DECOM: '01/06/2025', PLACE: 'T0' }] }), ctx)).toHaveLength(
      0,
    )
  })
})

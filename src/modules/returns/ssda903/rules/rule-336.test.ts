import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule336 } from './rule-336.js'

const ctx = testContext()

function child(before: string, place: string) {
  return testChild({
    Episodes: [
      { DECOM: '01/09/2025', PLACE: place },
      { DECOM: '01/06/2025', PLACE: before },
    ],
  })
}

describe('336 foster placement before adoption with foster carers', () => {
  it.each([
    ['U4 then A3', 'U4', 'A3', 0],
    ['A6 then A5', 'A6', 'A5', 0],
    ['K2 then A3', 'K2', 'A3', 1],
    ['T1 then A5', 'T1', 'A5', 1],
    ['blank then A3', '', 'A3', 1],
    ['K2 then A4', 'K2', 'A4', 0],
  ])('%s', (_, before, place, expected) => {
    expect(rule336.check(child(before, place), ctx)).toHaveLength(expected)
  })

  it('does not check a first episode', () => {
    expect(rule336.check(testChild({ Episodes: [{ DECOM: '01/06/2025', PLACE: 'A3' }] }), ctx)).toHaveLength(
      0,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule390 } from './rule-390.js'

describe('390 adopted without being placed for adoption', () => {
  it.each([
    ['adopted from A4', 'A4', 'E11', 0],
    ['adopted from A6', 'A6', 'E12', 0],
    ['adopted from U4', 'U4', 'E11', 1],
    ['adopted, placement blank', '', 'E12', 1],
    ['returned home from U4', 'U4', 'E4A', 0],
  ])('%s', (_, place, rec, expected) => {
    expect(rule390.check(testChild({ Episodes: [{ PLACE: place, REC: rec }] }), testContext())).toHaveLength(
      expected,
    )
  })
})

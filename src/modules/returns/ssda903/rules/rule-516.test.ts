import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule516 } from './rule-516.js'

describe('516 SGO to former foster carers from a foster placement', () => {
  it.each([
    ['E45 from U1', 'E45', 'U1', 0],
    ['E46 from U6', 'E46', 'U6', 0],
    ['E45 from K2', 'E45', 'K2', 1],
    ['E46 with no placement', 'E46', '', 1],
    ['E47 from K2', 'E47', 'K2', 0],
    ['no reason', '', 'K2', 0],
  ])('%s', (_, rec, place, expected) => {
    expect(rule516.check(testChild({ Episodes: [{ REC: rec, PLACE: place }] }), testContext())).toHaveLength(
      expected,
    )
  })
})

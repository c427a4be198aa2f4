import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule392d } from './rule-392d.js'

describe('392d home and placement postcodes the same', () => {
  it.each([
    ['same, fostered', 'U4', 'AB1 2CD', 'AB1 2CD', 1],
    ['same written differently', 'U4', 'AB1 2CD', 'ab12cd', 1],
    ['same, placed with parents', 'P1', 'AB1 2CD', 'AB1 2CD', 0],
    ['different', 'U4', 'AB1 2CD', 'AB1 2CE', 0],
    ['both blank', 'U4', '', '', 0],
    ['same, placement blank', '', 'AB1 2CD', 'AB1 2CD', 1],
  ])('%s', (_, place, home, pl, expected) => {
    const child = testChild({ Episodes: [{ PLACE: place, HOME_POST: home, PL_POST: pl }] })
    expect(rule392d.check(child, testContext())).toHaveLength(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule398 } from './rule-398.js'

describe('398 postcodes on a short break', () => {
  it.each([
    ['V3 with a home postcode', 'V3', 'AB1 2CD', '', 1],
    ['V4 with a placement postcode', 'V4', '', 'AB1 2CD', 1],
    ['V4 with neither', 'V4', '', '', 0],
    ['C2 with both', 'C2', 'AB1 2CD', 'EF3 4GH', 0],
  ])('%s', (_, ls, home, pl, expected) => {
    const child = testChild({ Episodes: [{ LS: ls, HOME_POST: home, PL_POST: pl }] })
    expect(rule398.check(child, testContext())).toHaveLength(expected)
  })
})

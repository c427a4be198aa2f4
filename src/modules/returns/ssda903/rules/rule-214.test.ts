import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule214 } from './rule-214.js'

const ctx = testContext()

describe('214 no placement location for short breaks', () => {
  it.each([
    ['V3 with a postcode', 'V3', 'AB1 2CD', '', 1],
    ['V4 with a URN', 'V4', '', 'SC123456', 1],
    ['V4 with neither', 'V4', '', '', 0],
    ['C2 with both', 'C2', 'AB1 2CD', 'SC123456', 0],
  ])('%s', (_, ls, post, urn, expected) => {
    const child = testChild({ Episodes: [{ LS: ls, PL_POST: post, URN: urn }] })
    expect(rule214.check(child, ctx)).toHaveLength(expected)
  })
})

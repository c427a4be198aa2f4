import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule301 } from './rule-301.js'

describe('301 date of birth after the year ended', () => {
  it.each([
    ['on 31 March', '31/03/2026', 0],
    ['on 1 April', '01/04/2026', 1],
    ['on 30 March', '30/03/2026', 0],
    ['blank', '', 0],
  ])('%s', (_, dob, expected) => {
    expect(rule301.check(testChild({ Header: [{ DOB: dob }] }), testContext())).toHaveLength(expected)
  })
})

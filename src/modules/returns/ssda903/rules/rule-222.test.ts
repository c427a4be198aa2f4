import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule222 } from './rule-222.js'

const ctx = testContext()

describe('222 no URN for placements Ofsted does not register', () => {
  it.each([
    ['P1 with a URN', 'P1', 'SC123456', 1],
    ['Z14 with a URN', 'Z14', 'SC123456', 1],
    ['P1 with the placeholder', 'P1', 'XXXXXXX', 0],
    ['P1 with no URN', 'P1', '', 0],
    ['K2 with a URN', 'K2', 'SC123456', 0],
  ])('%s', (_, place, urn, expected) => {
    expect(rule222.check(testChild({ Episodes: [{ PLACE: place, URN: urn }] }), ctx)).toHaveLength(expected)
  })
})

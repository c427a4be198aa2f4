import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule353 } from './rule-353.js'

describe('353 episode before 14 October 1991', () => {
  it.each([
    ['13 October 1991', '13/10/1991', 1],
    ['14 October 1991', '14/10/1991', 0],
    ['15 October 1991', '15/10/1991', 0],
    ['invalid', '00/10/1991', 0],
  ])('%s', (_, decom, expected) => {
    expect(rule353.check(testChild({ Episodes: [{ DECOM: decom }] }), testContext())).toHaveLength(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule1540 } from './rule-1540.js'

const ctx = cinContext()

describe('1540 UPN characters 5-12 numeric', () => {
  it.each([
    ['all digits', 'Z201251000001', 0],
    ['a letter at character 5', 'Z201A51000001', 1],
    ['a letter at character 12', 'Z2012510000A1', 1],
    ['a letter at character 13 is not this rule', 'Z20125100000A', 0],
    ['a letter at character 4 is not this rule', 'Z20A251000001', 0],
    ['a space inside', 'Z2012510 0001', 1],
    ['too short to have characters 5-12', 'Z201', 1],
    ['short, but what there is is numeric', 'Z2012510', 0],
    ['no UPN', null, 0],
  ])('%s', (_, upn, expected) => {
    expect(rule1540.check(cinChild({ UPN: upn }), ctx)).toHaveLength(expected)
  })
})

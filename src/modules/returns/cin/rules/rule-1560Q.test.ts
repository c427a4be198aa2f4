import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule1560Q } from './rule-1560Q.js'

const ctx = cinContext()

describe('1560Q former UPN format', () => {
  it.each([
    ['letter and twelve digits', 'A201251000001', 0],
    ['lower-case letter', 'a201251000001', 0],
    ['no former UPN', null, 0],
    ['blank', '', 0],
    ['twelve characters', 'A20125100000', 1],
    ['fourteen characters', 'A2012510000011', 1],
    ['temporary UPN ending in a letter', 'A20125100000B', 1],
    ['a digit first', '1201251000001', 1],
    ['a letter inside', 'A2012B1000001', 1],
  ])('%s', (_, former, expected) => {
    expect(rule1560Q.check(cinChild({ FormerUPN: former }), ctx)).toHaveLength(expected)
  })
})

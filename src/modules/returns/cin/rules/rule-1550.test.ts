import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule1550 } from './rule-1550.js'

const ctx = cinContext()

describe('1550 UPN character 13', () => {
  it.each([
    ['a digit', 'Z201251000001', 0],
    ['A', 'Z20125100000A', 0],
    ['Z', 'Z20125100000Z', 0],
    ['H', 'Z20125100000H', 0],
    ['J', 'Z20125100000J', 0],
    ['I', 'Z20125100000I', 1],
    ['O', 'Z20125100000O', 1],
    ['S', 'Z20125100000S', 1],
    ['lower case', 'Z20125100000a', 1],
    ['a symbol', 'Z20125100000-', 1],
    ['twelve characters: not this rule', 'Z20125100000', 0],
    ['fourteen characters: not this rule', 'Z20125100000SS', 0],
    ['no UPN', null, 0],
  ])('%s', (_, upn, expected) => {
    expect(rule1550.check(cinChild({ UPN: upn }), ctx)).toHaveLength(expected)
  })
})

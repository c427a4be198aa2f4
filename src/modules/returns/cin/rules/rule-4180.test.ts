import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule4180 } from './rule-4180.js'

const ctx = cinContext()

describe('4180 sex required and M, F or U', () => {
  it.each([
    ['M', 'M', 0],
    ['F', 'F', 0],
    ['U', 'U', 0],
    ['with spaces around (read trimmed)', ' M ', 0],
    ['lower case', 'm', 1],
    ['the old GenderCurrent code 1', '1', 1],
    ['X', 'X', 1],
    ['blank', '', 1],
    ['missing', null, 1],
  ])('%s', (_, sex, expected) => {
    expect(rule4180.check(cinChild({ Sex: sex }), ctx)).toHaveLength(expected)
  })
})

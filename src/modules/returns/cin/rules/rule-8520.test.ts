import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule8520 } from './rule-8520.js'

const ctx = cinContext()

describe('8520 date of birth after the census year', () => {
  it.each([
    ['the last day of the year', '2026-03-31', 0],
    ['the day after', '2026-04-01', 1],
    ['long before', '2010-01-01', 0],
    ['missing', null, 0],
    ['unreadable', '2026-04-31', 0],
  ])('%s', (_, birth, expected) => {
    expect(rule8520.check(cinChild({ PersonBirthDate: birth }), ctx)).toHaveLength(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule8545Q } from './rule-8545Q.js'

const ctx = cinContext()

describe('8545Q date of death within the census year', () => {
  it.each([
    ['the day before the year', '2025-03-31', 1],
    ['the first day', '2025-04-01', 0],
    ['the last day', '2026-03-31', 0],
    ['the day after', '2026-04-01', 1],
    ['none', null, 0],
    ['unreadable', 'last year', 0],
  ])('%s', (_, death, expected) => {
    expect(rule8545Q.check(cinChild({ PersonDeathDate: death }), ctx)).toHaveLength(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule8535Q } from './rule-8535Q.js'

const ctx = cinContext()

describe('8535Q date of death before date of birth', () => {
  it.each([
    ['died the day before birth', '2025-06-15', '2025-06-14', 1],
    ['died the day of birth', '2025-06-15', '2025-06-15', 0],
    ['died the day after', '2025-06-15', '2025-06-16', 0],
    ['no date of death', '2025-06-15', null, 0],
    ['date of death, no date of birth', null, '2025-06-16', 1],
    ['date of death, unreadable date of birth', '15th June', '2025-06-16', 1],
  ])('%s', (_, birth, death, expected) => {
    const child = cinChild({ PersonBirthDate: birth, PersonDeathDate: death })
    expect(rule8535Q.check(child, ctx)).toHaveLength(expected)
  })
})

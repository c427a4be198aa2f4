import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule8525Q } from './rule-8525Q.js'

const ctx = cinContext()

describe('8525Q date of birth or expected date of birth, not both', () => {
  it.each([
    ['date of birth only', '2015-06-15', null, 0],
    ['expected date only', null, '2026-05-01', 0],
    ['both', '2015-06-15', '2026-05-01', 1],
    ['neither', null, null, 1],
    ['both blank', '', '', 1],
    ['an unreadable expected date counts as none', '2015-06-15', 'May 2026', 0],
  ])('%s', (_, birth, expected, hits) => {
    const child = cinChild({ PersonBirthDate: birth, ExpectedPersonBirthDate: expected })
    expect(rule8525Q.check(child, ctx)).toHaveLength(hits)
  })
})

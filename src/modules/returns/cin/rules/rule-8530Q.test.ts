import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule8530Q } from './rule-8530Q.js'

describe('8530Q expected date of birth outside the census window', () => {
  it.each([
    ['1 March, 30 days before the reference date', '2026-03-01', 1],
    ['2 March', '2026-03-02', 0],
    ['the reference date', '2026-03-31', 0],
    ['30 December', '2026-12-30', 0],
    ['31 December, 9 months after', '2026-12-31', 1],
    ['a year early', '2025-06-01', 1],
    ['none', null, 0],
  ])('%s', (_, expected, hits) => {
    const child = cinChild({ PersonBirthDate: null, ExpectedPersonBirthDate: expected })
    expect(rule8530Q.check(child, cinContext())).toHaveLength(hits)
  })

  it('moves with the collection year', () => {
    const child = cinChild({ PersonBirthDate: null, ExpectedPersonBirthDate: '2025-12-30' })
    expect(rule8530Q.check(child, cinContext('2024/25'))).toHaveLength(0)
    expect(rule8530Q.check(child, cinContext())).toHaveLength(1)
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule8750 } from './rule-8750.js'

const ctx = cinContext()

describe('8750 unborn child must have sex U', () => {
  it.each([
    ['unborn, U', null, '2026-06-01', 'U', 0],
    ['unborn, F', null, '2026-06-01', 'F', 1],
    ['unborn, M', null, '2026-06-01', 'M', 1],
    ['unborn, sex blank', null, '2026-06-01', '', 1],
    ['unborn, lower-case u', null, '2026-06-01', 'u', 1],
    ['born, F', '2015-06-15', null, 'F', 0],
    ['born with an expected date too, F', '2015-06-15', '2015-06-20', 'F', 0],
    ['birth date unreadable, expected date given, F', '2015-02-30', '2015-06-20', 'F', 1],
    ['no dates at all, F', null, null, 'F', 0],
  ])('%s', (_, birth, expected, sex, count) => {
    const child = cinChild({ PersonBirthDate: birth, ExpectedPersonBirthDate: expected, Sex: sex })
    expect(rule8750.check(child, ctx)).toHaveLength(count)
  })

  it('reports the child identifiers row', () => {
    const child = cinChild({ PersonBirthDate: null, ExpectedPersonBirthDate: '2026-06-01', Sex: 'M' })
    expect(rule8750.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['ChildIdentifiers', 0]])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8585Q } from './rule-8585Q.js'

const ctx = cinContext()
const closed = (reason: string) => cinEpisode({ CINclosureDate: '2025-10-01', ReasonForClosure: reason })

describe('8585Q closed as died but no date of death', () => {
  it.each([
    ['died, no date of death', 'RC2', null, 2],
    ['died, date of death blank', 'RC2', '', 2],
    ['died, date of death unreadable', 'RC2', '2025-13-01', 2],
    ['died, date of death given', 'RC2', '2025-10-01', 0],
    ['another reason, no date of death', 'RC7', null, 0],
    ['lower-case rc2 is not the code', 'rc2', null, 0],
  ])('%s', (_, reason, death, expected) => {
    const child = cinChild({ PersonDeathDate: death, cinDetails: [closed(reason)] })
    expect(rule8585Q.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the child once and each RC2 episode', () => {
    const child = cinChild({ cinDetails: [closed('RC2'), closed('RC7'), closed('RC2')] })
    expect(rule8585Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['ChildIdentifiers', 0],
      ['CINdetails', 0],
      ['CINdetails', 2],
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8810 } from './rule-8810.js'

const ctx = cinContext()

describe('8810 reason for closure without a closure date', () => {
  it.each([
    ['reason and closure date', 'RC7', '2025-10-01', 0],
    ['reason, no closure date', 'RC7', null, 1],
    ['reason, closure date blank', 'RC7', '', 1],
    ['reason, closure date unreadable', 'RC7', '2025-10-32', 1],
    ['invalid reason, no closure date', 'X', null, 1],
    ['no reason, no closure date', null, null, 0],
  ])('%s', (_, reason, closed, expected) => {
    const child = cinChild({ cinDetails: [cinEpisode({ CINclosureDate: closed, ReasonForClosure: reason })] })
    expect(rule8810.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the episode row', () => {
    const child = cinChild({ cinDetails: [cinEpisode({ ReasonForClosure: 'RC8' }), cinEpisode()] })
    expect(rule8810.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['CINdetails', 0]])
  })
})

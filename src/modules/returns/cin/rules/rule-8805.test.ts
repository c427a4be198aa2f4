import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8805 } from './rule-8805.js'

const ctx = cinContext()

describe('8805 closure date without a reason', () => {
  it.each([
    ['closed with a reason', '2025-10-01', 'RC7', 0],
    ['closed with an invalid reason (8640 reports it)', '2025-10-01', 'X', 0],
    ['closed, reason blank', '2025-10-01', '', 1],
    ['closed, reason left out', '2025-10-01', null, 1],
    ['open, no reason', null, null, 0],
    ['closure date unreadable, no reason', '2025-10-32', null, 0],
  ])('%s', (_, closed, reason, expected) => {
    const child = cinChild({ cinDetails: [cinEpisode({ CINclosureDate: closed, ReasonForClosure: reason })] })
    expect(rule8805.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the episode row', () => {
    const child = cinChild({ cinDetails: [cinEpisode(), cinEpisode({ CINclosureDate: '2025-10-01' })] })
    expect(rule8805.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['CINdetails', 1]])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8620 } from './rule-8620.js'

const ctx = cinContext()

describe('8620 closure date outside the census year', () => {
  it.each([
    ['the day before the year', '2025-03-31', 1],
    ['the first day of the year', '2025-04-01', 0],
    ['the last day of the year', '2026-03-31', 0],
    ['the day after the year', '2026-04-01', 1],
    ['open (no closure date)', null, 0],
    ['unreadable closure date', '2025-04-31', 0],
  ])('%s', (_, closed, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ CINreferralDate: '2024-01-01', CINclosureDate: closed, ReasonForClosure: 'RC7' }),
      ],
    })
    expect(rule8620.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each episode closed out of the year', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ CINclosureDate: '2027-01-01' }),
        cinEpisode(),
        cinEpisode({ CINclosureDate: '2020-01-01' }),
      ],
    })
    expect(rule8620.check(child, ctx).map((h) => h.row)).toEqual([0, 2])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8630 } from './rule-8630.js'

const ctx = cinContext()

describe('8630 closure before referral', () => {
  it.each([
    ['closed the day before the referral', '2025-05-01', '2025-04-30', 1],
    ['closed the day of the referral', '2025-05-01', '2025-05-01', 0],
    ['closed the day after', '2025-05-01', '2025-05-02', 0],
    ['open', '2025-05-01', null, 0],
    ['no referral date', null, '2025-04-30', 0],
  ])('%s', (_, referral, closed, expected) => {
    const child = cinChild({
      cinDetails: [cinEpisode({ CINreferralDate: referral, CINclosureDate: closed })],
    })
    expect(rule8630.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the episode row', () => {
    const child = cinChild({
      cinDetails: [cinEpisode(), cinEpisode({ CINreferralDate: '2025-09-01', CINclosureDate: '2025-08-01' })],
    })
    expect(rule8630.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['CINdetails', 1]])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8600 } from './rule-8600.js'

const ctx = cinContext()

describe('8600 referral date missing or after the census year', () => {
  it.each([
    ['last day of the year', '2026-03-31', 0],
    ['the day after the year', '2026-04-01', 1],
    ['the day before the end', '2026-03-30', 0],
    ['before the year (carried over)', '2019-01-10', 0],
    ['blank', '', 1],
    ['left out', null, 1],
    ['not a date', '2025-02-30', 1],
  ])('%s', (_, referral, expected) => {
    const child = cinChild({ cinDetails: [cinEpisode({ CINreferralDate: referral })] })
    expect(rule8600.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each bad episode', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode(),
        cinEpisode({ CINreferralDate: null }),
        cinEpisode({ CINreferralDate: '2026-05-01' }),
      ],
    })
    expect(rule8600.check(child, ctx).map((h) => h.row)).toEqual([1, 2])
  })
})

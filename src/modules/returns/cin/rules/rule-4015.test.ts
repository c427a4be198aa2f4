import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4015 } from './rule-4015.js'

const ctx = cinContext()

describe('4015 CIN plan cannot start before the referral', () => {
  it.each([
    ['the day before the referral', '2025-05-01', '2025-04-30', 2],
    ['the day of the referral', '2025-05-01', '2025-05-01', 0],
    ['the day after', '2025-05-01', '2025-05-02', 0],
    ['no start', '2025-05-01', null, 0],
    ['no referral date', null, '2025-04-30', 0],
  ])('%s', (_, referral, start, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ CINreferralDate: referral, cinPlans: [cinPlan({ CINPlanStartDate: start })] }),
      ],
    })
    expect(rule4015.check(child, ctx)).toHaveLength(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule1105 } from './rule-1105.js'

const ctx = cinContext()

describe('1105 child protection plan cannot start before the referral', () => {
  it.each([
    ['the day before the referral', '2025-05-01', '2025-04-30', 2],
    ['the day of the referral', '2025-05-01', '2025-05-01', 0],
    ['the day after', '2025-05-01', '2025-05-02', 0],
    ['no start date', '2025-05-01', null, 0],
    ['start date not a date', '2025-05-01', 'soon', 0],
    ['no referral date', null, '2025-04-30', 0],
  ])('%s', (_, referral, start, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ CINreferralDate: referral, childProtectionPlans: [cpPlan({ CPPstartDate: start })] }),
      ],
    })
    expect(rule1105.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the plan and its episode', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ CINreferralDate: '2025-04-01', childProtectionPlans: [cpPlan()] }),
        cinEpisode({ CINreferralDate: '2025-06-01', childProtectionPlans: [cpPlan(), cpPlan()] }),
      ],
    })
    expect(rule1105.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['ChildProtectionPlans', 1],
      ['CINdetails', 1],
      ['ChildProtectionPlans', 2],
    ])
  })
})

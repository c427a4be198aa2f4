import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8832 } from './rule-8832.js'

const ctx = cinContext()

describe('8832 CP plan on a referral with no further action', () => {
  it.each([
    ['NFA, one plan', 'true', 1, 2],
    ['NFA as 1, two plans', '1', 2, 3],
    ['NFA, no plan', 'true', 0, 0],
    ['further action, one plan', 'false', 1, 0],
    ['further action as 0, one plan', '0', 1, 0],
    ['flag blank, one plan', '', 1, 0],
  ])('%s', (_, flag, plans, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          ReferralNFA: flag,
          childProtectionPlans: Array.from({ length: plans }, () => cpPlan()),
        }),
      ],
    })
    expect(rule8832.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the episode and its plans, not other episodes', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ childProtectionPlans: [cpPlan()] }),
        cinEpisode({ ReferralNFA: 'true', childProtectionPlans: [cpPlan()] }),
      ],
    })
    expect(rule8832.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['CINdetails', 1],
      ['ChildProtectionPlans', 1],
    ])
  })
})

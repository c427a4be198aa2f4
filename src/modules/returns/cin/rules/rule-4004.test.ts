import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4004 } from './rule-4004.js'

const ctx = cinContext()

describe('4004 more than one open CIN plan', () => {
  it.each([
    ['one open plan', [null], 0],
    ['one open, one ended', [null, '2025-07-01'], 0],
    ['two open', [null, null], 2],
    ['two open and one ended: all three reported', [null, '2025-07-01', null], 3],
    ['an unreadable end counts as open', [null, 'not yet'], 2],
    ['two ended', ['2025-07-01', '2025-08-01'], 0],
  ])('%s', (_, ends, expected) => {
    const child = cinChild({
      cinDetails: [cinEpisode({ cinPlans: ends.map((e) => cinPlan({ CINPlanEndDate: e })) })],
    })
    expect(rule4004.check(child, ctx)).toHaveLength(expected)
  })

  it('counts within an episode', () => {
    const child = cinChild({
      cinDetails: [cinEpisode(), cinEpisode({ CINreferralDate: '2025-09-01', cinPlans: [cinPlan()] })],
    })
    expect(rule4004.check(child, ctx)).toHaveLength(0)
  })
})

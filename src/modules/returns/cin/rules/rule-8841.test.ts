import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8841 } from './rule-8841.js'

const ctx = cinContext()

describe('8841 review on or before the CP plan start', () => {
  it.each([
    ['review the day before the start', '2025-05-22', ['2025-05-21'], 2],
    ['review the day of the start', '2025-05-22', ['2025-05-22'], 2],
    ['review the day after', '2025-05-22', ['2025-05-23'], 0],
    ['two early reviews', '2025-05-22', ['2025-05-01', '2025-05-22', '2025-08-14'], 3],
    ['review with no date', '2025-05-22', [null], 0],
    ['plan with no start date', null, ['2025-05-01'], 0],
    ['no reviews', '2025-05-22', [], 0],
  ])('%s', (_, start, reviews, expected) => {
    const plan = cpPlan({ CPPstartDate: start, reviews })
    expect(
      rule8841.check(cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: [plan] })] }), ctx),
    ).toHaveLength(expected)
  })

  it('reports the plan once and each early review, in its own plan only', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          childProtectionPlans: [
            cpPlan({ CPPstartDate: '2025-05-22', reviews: ['2025-08-14'] }),
            cpPlan({ CPPstartDate: '2025-09-01', reviews: ['2025-08-30', '2025-10-01', '2025-09-01'] }),
          ],
        }),
      ],
    })
    expect(rule8841.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['ChildProtectionPlans', 1],
      ['Reviews', 1],
      ['Reviews', 3],
    ])
  })
})

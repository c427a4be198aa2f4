import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8842Q } from './rule-8842Q.js'

const ctx = cinContext()

describe('8842Q review with a missing date', () => {
  it.each([
    ['a dated review', ['2025-08-14'], 0],
    ['a blank review date', [''], 1],
    ['an unreadable review date', ['2025-08-32'], 1],
    ['a Reviews group with no date element', [null], 1],
    ['one dated, one blank', ['2025-08-14', ''], 1],
    ['no reviews', [], 0],
  ])('%s', (_, reviews, expected) => {
    const plan = cpPlan({ reviews })
    expect(
      rule8842Q.check(cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: [plan] })] }), ctx),
    ).toHaveLength(expected)
  })

  it('reports the review rows across plans', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          childProtectionPlans: [cpPlan({ reviews: ['2025-08-14', ''] }), cpPlan({ reviews: [''] })],
        }),
      ],
    })
    expect(rule8842Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Reviews', 1],
      ['Reviews', 2],
    ])
  })
})

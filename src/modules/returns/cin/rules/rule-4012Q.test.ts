import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4012Q } from './rule-4012Q.js'

const ctx = cinContext()

describe('4012Q CIN plan starts and ends the same day', () => {
  it.each([
    ['the same day', '2025-06-12', '2025-06-12', 1],
    ['the same day written two ways', '2025-06-12', '12/06/2025', 1],
    ['ends the next day', '2025-06-12', '2025-06-13', 0],
    ['ends the day before', '2025-06-12', '2025-06-11', 0],
    ['open', '2025-06-12', null, 0],
    ['neither date', null, null, 0],
  ])('%s', (_, start, end, expected) => {
    const child = cinChild({
      cinDetails: [cinEpisode({ cinPlans: [cinPlan({ CINPlanStartDate: start, CINPlanEndDate: end })] })],
    })
    expect(rule4012Q.check(child, ctx)).toHaveLength(expected)
  })
})

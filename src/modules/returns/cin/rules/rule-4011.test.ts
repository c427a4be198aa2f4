import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4011 } from './rule-4011.js'

const ctx = cinContext()

describe('4011 CIN plan ends before it starts', () => {
  it.each([
    ['ends the day before it starts', '2025-06-12', '2025-06-11', 1],
    ['ends the day it starts', '2025-06-12', '2025-06-12', 0],
    ['ends the day after', '2025-06-12', '2025-06-13', 0],
    ['open', '2025-06-12', null, 0],
    ['no start', null, '2025-06-11', 0],
  ])('%s', (_, start, end, expected) => {
    const child = cinChild({
      cinDetails: [cinEpisode({ cinPlans: [cinPlan({ CINPlanStartDate: start, CINPlanEndDate: end })] })],
    })
    expect(rule4011.check(child, ctx)).toHaveLength(expected)
  })
})

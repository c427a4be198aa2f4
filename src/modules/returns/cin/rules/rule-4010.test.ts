import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4010 } from './rule-4010.js'

const ctx = cinContext()

describe('4010 CIN plan start date missing or after the census year', () => {
  it.each([
    ['inside the year', '2025-06-12', 0],
    ['the last day of the year', '2026-03-31', 0],
    ['the day after the year', '2026-04-01', 1],
    ['before the year (still open)', '2023-01-10', 0],
    ['missing', null, 1],
    ['blank', '', 1],
    ['unreadable', '2025-06-31', 1],
  ])('%s', (_, start, expected) => {
    const child = cinChild({ cinDetails: [cinEpisode({ cinPlans: [cinPlan({ CINPlanStartDate: start })] })] })
    expect(rule4010.check(child, ctx)).toHaveLength(expected)
  })
})

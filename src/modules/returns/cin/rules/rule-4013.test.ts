import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4013 } from './rule-4013.js'

const ctx = cinContext()

describe('4013 CIN plan end date within the census year', () => {
  it.each([
    ['the day before the year', '2025-03-31', 1],
    ['the first day of the year', '2025-04-01', 0],
    ['the last day of the year', '2026-03-31', 0],
    ['the day after the year', '2026-04-01', 1],
    ['open', null, 0],
    ['unreadable', '31-03-2026', 0],
  ])('%s', (_, end, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ cinPlans: [cinPlan({ CINPlanStartDate: '2025-01-01', CINPlanEndDate: end })] }),
      ],
    })
    expect(rule4013.check(child, ctx)).toHaveLength(expected)
  })
})

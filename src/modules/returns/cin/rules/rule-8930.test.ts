import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8930 } from './rule-8930.js'

const ctx = cinContext('2025/26')

describe('8930 CP plan end date within the census year', () => {
  it.each([
    ['the day before the year starts', '2025-03-31', 1],
    ['the first day of the year', '2025-04-01', 0],
    ['mid-year', '2025-10-15', 0],
    ['the reference date', '2026-03-31', 0],
    ['the day after the reference date', '2026-04-01', 1],
    ['open', null, 0],
    ['blank', '', 0],
  ])('%s', (_, end, expected) => {
    const plan = cpPlan({ CPPstartDate: '2024-06-01', CPPendDate: end })
    expect(
      rule8930.check(cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: [plan] })] }), ctx),
    ).toHaveLength(expected)
  })

  it('takes the year from the context, not from the dates', () => {
    const plan = cpPlan({ CPPstartDate: '2024-06-01', CPPendDate: '2024-10-15' })
    const child = cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: [plan] })] })
    expect(rule8930.check(child, cinContext('2025/26'))).toHaveLength(1)
    expect(rule8930.check(child, cinContext('2024/25'))).toHaveLength(0)
  })
})

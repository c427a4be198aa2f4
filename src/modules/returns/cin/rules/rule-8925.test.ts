import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8925 } from './rule-8925.js'

const ctx = cinContext()

describe('8925 CP plan ends before it starts', () => {
  it.each([
    ['ends the day before it starts', '2025-06-10', '2025-06-09', 1],
    ['ends a year before', '2025-06-10', '2024-06-10', 1],
    ['ends the day it starts (8840)', '2025-06-10', '2025-06-10', 0],
    ['ends the day after', '2025-06-10', '2025-06-11', 0],
    ['open', '2025-06-10', null, 0],
    ['no start date', null, '2025-06-09', 0],
    ['an end date that is not a date', '2025-06-10', '2025-02-30', 0],
    ['UK-style dates compared as dates', '10/06/2025', '09/06/2025', 1],
  ])('%s', (_, start, end, expected) => {
    const plan = cpPlan({ CPPstartDate: start, CPPendDate: end })
    expect(
      rule8925.check(cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: [plan] })] }), ctx),
    ).toHaveLength(expected)
  })

  it('names both dates', () => {
    const plan = cpPlan({ CPPstartDate: '2025-06-10', CPPendDate: '2025-06-01' })
    const [found] = rule8925.check(
      cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: [plan] })] }),
      ctx,
    )
    expect(found).toMatchObject({
      fields: ['CPPstartDate', 'CPPendDate'],
      detail: '2025-06-10 to 2025-06-01',
    })
  })
})

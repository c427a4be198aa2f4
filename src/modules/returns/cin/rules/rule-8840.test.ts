import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8840 } from './rule-8840.js'

const ctx = cinContext()

describe('8840 CP plan starts and ends the same day', () => {
  it.each([
    ['ends the day before it starts (8925 reports it)', '2025-06-10', '2025-06-09', 0],
    ['ends the day it starts', '2025-06-10', '2025-06-10', 1],
    ['ends the day after', '2025-06-10', '2025-06-11', 0],
    ['the same day in two spellings', '2025-06-10', '10/06/2025', 1],
    ['open', '2025-06-10', null, 0],
    ['no dates', null, null, 0],
  ])('%s', (_, start, end, expected) => {
    const plan = cpPlan({ CPPstartDate: start, CPPendDate: end })
    expect(
      rule8840.check(cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: [plan] })] }), ctx),
    ).toHaveLength(expected)
  })

  it('reports the plan row', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          childProtectionPlans: [cpPlan(), cpPlan({ CPPstartDate: '2025-07-01', CPPendDate: '2025-07-01' })],
        }),
      ],
    })
    expect(rule8840.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['ChildProtectionPlans', 1]])
  })
})

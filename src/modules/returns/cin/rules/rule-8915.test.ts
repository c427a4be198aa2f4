import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8915 } from './rule-8915.js'

const ctx = cinContext()

describe('8915 CP plan starting after the date of death', () => {
  it.each([
    ['started the day before death', '2025-09-30', '2025-10-01', 0],
    ['started the day of death', '2025-10-01', '2025-10-01', 0],
    ['started the day after death', '2025-10-02', '2025-10-01', 2],
    ['no date of death', '2025-10-02', null, 0],
    ['date of death unreadable', '2025-10-02', '2025-10-33', 0],
    ['no plan start date', null, '2025-10-01', 0],
  ])('%s', (_, start, death, expected) => {
    const child = cinChild({
      PersonDeathDate: death,
      cinDetails: [cinEpisode({ childProtectionPlans: [cpPlan({ CPPstartDate: start })] })],
    })
    expect(rule8915.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each late plan and the child once', () => {
    const child = cinChild({
      PersonDeathDate: '2025-06-01',
      cinDetails: [
        cinEpisode({ childProtectionPlans: [cpPlan({ CPPstartDate: '2025-07-01' }), cpPlan()] }),
        cinEpisode({ childProtectionPlans: [cpPlan({ CPPstartDate: '2025-08-01' })] }),
      ],
    })
    expect(rule8915.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['ChildProtectionPlans', 0],
      ['ChildProtectionPlans', 2],
      ['ChildIdentifiers', 0],
    ])
  })
})

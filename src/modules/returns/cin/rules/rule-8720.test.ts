import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8720 } from './rule-8720.js'

const ctx = cinContext()

describe('8720 CP plan start date missing or after the census year', () => {
  it.each([
    ['the last day of the year', '2026-03-31', 0],
    ['the day after the year', '2026-04-01', 1],
    ['before the year (carried over)', '2024-03-01', 0],
    ['blank', '', 1],
    ['left out', null, 1],
    ['unreadable', '2025-02-29', 1],
  ])('%s', (_, start, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          CINreferralDate: '2024-01-01',
          childProtectionPlans: [cpPlan({ CPPstartDate: start })],
        }),
      ],
    })
    expect(rule8720.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each plan across episodes', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ childProtectionPlans: [cpPlan(), cpPlan({ CPPstartDate: null })] }),
        cinEpisode({ childProtectionPlans: [cpPlan({ CPPstartDate: '2027-01-01' })] }),
      ],
    })
    expect(rule8720.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['ChildProtectionPlans', 1],
      ['ChildProtectionPlans', 2],
    ])
  })
})

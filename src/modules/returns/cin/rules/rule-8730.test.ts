import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8730 } from './rule-8730.js'

const ctx = cinContext()

describe('8730 number of previous CP plans missing', () => {
  it.each([
    ['0', '0', 0],
    ['3', '3', 0],
    ['blank', '', 1],
    ['left out', null, 1],
    ['negative', '-1', 1],
    ['not a number', 'two', 1],
  ])('%s', (_, count, expected) => {
    const child = cinChild({
      cinDetails: [cinEpisode({ childProtectionPlans: [cpPlan({ NumberOfPreviousCPP: count })] })],
    })
    expect(rule8730.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the plan row', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ childProtectionPlans: [cpPlan(), cpPlan({ NumberOfPreviousCPP: '' })] })],
    })
    expect(rule8730.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['ChildProtectionPlans', 1]])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8920 } from './rule-8920.js'

const ctx = cinContext()

describe('8920 CP plan ending after the date of death', () => {
  it.each([
    ['ended the day before death', '2025-09-30', '2025-10-01', 0],
    ['ended the day of death', '2025-10-01', '2025-10-01', 0],
    ['ended the day after death', '2025-10-02', '2025-10-01', 2],
    ['still open', null, '2025-10-01', 0],
    ['no date of death', '2025-10-02', null, 0],
    ['end date unreadable', '2025-10-32', '2025-10-01', 0],
  ])('%s', (_, end, death, expected) => {
    const child = cinChild({
      PersonDeathDate: death,
      cinDetails: [cinEpisode({ childProtectionPlans: [cpPlan({ CPPendDate: end })] })],
    })
    expect(rule8920.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each late plan and the child once', () => {
    const child = cinChild({
      PersonDeathDate: '2025-06-01',
      cinDetails: [
        cinEpisode({
          childProtectionPlans: [
            cpPlan({ CPPendDate: '2025-05-01' }),
            cpPlan({ CPPendDate: '2025-07-01' }),
            cpPlan({ CPPendDate: '2025-08-01' }),
          ],
        }),
      ],
    })
    expect(rule8920.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['ChildProtectionPlans', 1],
      ['ChildProtectionPlans', 2],
      ['ChildIdentifiers', 0],
    ])
  })
})

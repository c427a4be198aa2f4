import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8940 } from './rule-8940.js'

const ctx = cinContext()
const plan = (start: string | null, end: string | null) => cpPlan({ CPPstartDate: start, CPPendDate: end })

describe('8940 overlapping CP plans', () => {
  it.each([
    [
      'second starts the day before the first ends',
      [plan('2025-05-01', '2025-08-01'), plan('2025-07-31', null)],
      2,
    ],
    ['second starts the day the first ends', [plan('2025-05-01', '2025-08-01'), plan('2025-08-01', null)], 2],
    ['second starts the day after', [plan('2025-05-01', '2025-08-01'), plan('2025-08-02', null)], 0],
    ['first open', [plan('2025-05-01', null), plan('2025-09-01', '2025-10-01')], 2],
    [
      'first open, second starts after the reference date',
      [plan('2025-05-01', null), plan('2026-04-01', null)],
      0,
    ],
    ['same start', [plan('2025-05-01', '2025-06-01'), plan('2025-05-01', '2025-06-01')], 2],
    ['one without a start date', [plan(null, '2025-08-01'), plan('2025-06-01', null)], 0],
    ['a single plan', [plan('2025-05-01', null)], 0],
  ])('%s', (_, plans, expected) => {
    expect(
      rule8940.check(cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: plans })] }), ctx),
    ).toHaveLength(expected)
  })

  it('compares plans in different episodes too', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ childProtectionPlans: [plan('2025-05-01', '2025-08-01')] }),
        cinEpisode({ childProtectionPlans: [plan('2025-07-01', null)] }),
      ],
    })
    expect(rule8940.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['ChildProtectionPlans', 0],
      ['ChildProtectionPlans', 1],
    ])
  })

  it('reports each overlapping plan once', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          childProtectionPlans: [
            plan('2025-04-02', '2025-04-20'),
            plan('2025-06-01', '2025-09-01'),
            plan('2025-07-01', '2025-07-10'),
            plan('2025-08-01', '2025-08-05'),
          ],
        }),
      ],
    })
    expect(rule8940.check(child, ctx).map((h) => h.row)).toEqual([1, 2, 3])
  })
})

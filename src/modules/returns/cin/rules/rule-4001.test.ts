import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan, cpPlan } from '../test-child.js'
import { rule4001 } from './rule-4001.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)

describe('4001 open CIN plan alongside an open CP plan', () => {
  it.each([
    ['both open', '2025-06-12', null, null, ['ChildProtectionPlans:0', 'CINplanDates:0']],
    ['CIN plan ended', '2025-06-12', '2025-07-01', null, []],
    ['CP plan ended', '2025-06-12', null, '2025-07-01', []],
    ['both ended', '2025-06-12', '2025-07-01', '2025-07-01', []],
    ['CIN plan with no start', null, null, null, []],
    [
      'CP plan end unreadable counts as open',
      '2025-06-12',
      null,
      '2025-02-30',
      ['ChildProtectionPlans:0', 'CINplanDates:0'],
    ],
  ])('%s', (_, start, end, cppEnd, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          cinPlans: [cinPlan({ CINPlanStartDate: start, CINPlanEndDate: end })],
          childProtectionPlans: [cpPlan({ CPPendDate: cppEnd })],
        }),
      ],
    })
    expect(where(rule4001.check(child, ctx))).toEqual(expected)
  })

  it('compares plans within an episode only', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ childProtectionPlans: [], CINclosureDate: '2025-09-01', ReasonForClosure: 'RC7' }),
        cinEpisode({ CINreferralDate: '2025-10-01', cinPlans: [], childProtectionPlans: [cpPlan()] }),
      ],
    })
    expect(rule4001.check(child, ctx)).toHaveLength(0)
  })
})

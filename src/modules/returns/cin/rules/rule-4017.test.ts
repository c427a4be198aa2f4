import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan, cpPlan } from '../test-child.js'
import { rule4017 } from './rule-4017.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)
const both = ['CINplanDates:0', 'ChildProtectionPlans:0']

describe('4017 CP plan starting while a CIN plan is open', () => {
  // CIN plan 12 June to 1 September unless said otherwise.
  it.each([
    ['CP plan starts the day before the CIN plan', '2025-06-11', '2025-09-01', []],
    ['CP plan starts the day the CIN plan starts', '2025-06-12', '2025-09-01', both],
    ['CP plan starts the day before the CIN plan ends', '2025-08-31', '2025-09-01', both],
    ['CP plan starts the day the CIN plan ends', '2025-09-01', '2025-09-01', []],
    ['CIN plan open, CP plan starts on the reference date', '2026-03-31', null, both],
    ['CIN plan open, CP plan starts after the reference date', '2026-04-01', null, []],
    ['CP plan with no start', null, null, []],
  ])('%s', (_, cppStart, cinEnd, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          cinPlans: [cinPlan({ CINPlanStartDate: '2025-06-12', CINPlanEndDate: cinEnd })],
          childProtectionPlans: [cpPlan({ CPPstartDate: cppStart })],
        }),
      ],
    })
    expect(where(rule4017.check(child, ctx))).toEqual(expected)
  })

  it('compares with CIN plans of the child’s other episodes', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ cinPlans: [cinPlan({ CINPlanStartDate: '2025-06-12' })] }),
        cinEpisode({
          CINreferralDate: '2025-08-01',
          cinPlans: [],
          childProtectionPlans: [cpPlan({ CPPstartDate: '2025-08-20' })],
        }),
      ],
    })
    expect(where(rule4017.check(child, ctx))).toEqual(both)
  })
})

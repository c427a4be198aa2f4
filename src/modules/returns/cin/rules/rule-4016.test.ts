import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan, cpPlan } from '../test-child.js'
import { rule4016 } from './rule-4016.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)
const both = ['CINplanDates:0', 'ChildProtectionPlans:0']

describe('4016 CIN plan starting while a CP plan is open', () => {
  // CP plan 22 May to 1 September unless said otherwise.
  it.each([
    ['CIN plan starts the day before the CP plan', '2025-05-21', '2025-09-01', []],
    ['CIN plan starts the day the CP plan starts', '2025-05-22', '2025-09-01', both],
    ['CIN plan starts the day before the CP plan ends', '2025-08-31', '2025-09-01', both],
    ['CIN plan starts the day the CP plan ends', '2025-09-01', '2025-09-01', []],
    ['CP plan open, CIN plan starts on the reference date', '2026-03-31', null, both],
    ['CP plan open, CIN plan starts after the reference date', '2026-04-01', null, []],
  ])('%s', (_, cinStart, cppEnd, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          cinPlans: [cinPlan({ CINPlanStartDate: cinStart })],
          childProtectionPlans: [cpPlan({ CPPstartDate: '2025-05-22', CPPendDate: cppEnd })],
        }),
      ],
    })
    expect(where(rule4016.check(child, ctx))).toEqual(expected)
  })

  it('skips a CP plan with no start and a CIN plan with no start', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          cinPlans: [cinPlan({ CINPlanStartDate: null }), cinPlan({ CINPlanStartDate: '2025-06-01' })],
          childProtectionPlans: [cpPlan({ CPPstartDate: null })],
        }),
      ],
    })
    expect(rule4016.check(child, ctx)).toHaveLength(0)
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan, cpPlan } from '../test-child.js'
import { rule4003 } from './rule-4003.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)
const all = ['Reviews:0', 'ChildProtectionPlans:0', 'CINplanDates:0']

describe('4003 CP review held during a CIN plan', () => {
  // CIN plan 1 September to 1 December; CP plan 22 May to 1 November.
  it.each([
    ['review the day before the CIN plan starts', '2025-08-31', []],
    ['review the day the CIN plan starts', '2025-09-01', all],
    ['review inside the CIN plan', '2025-10-01', all],
    ['review on the day the CP plan ended', '2025-11-01', []],
    ['review the day before the CIN plan ends', '2025-11-30', all],
    ['review the day the CIN plan ends', '2025-12-01', []],
    ['review with no date', null, []],
  ])('%s', (_, review, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          cinPlans: [cinPlan({ CINPlanStartDate: '2025-09-01', CINPlanEndDate: '2025-12-01' })],
          childProtectionPlans: [cpPlan({ CPPendDate: '2025-11-01', reviews: [review] })],
        }),
      ],
    })
    expect(where(rule4003.check(child, ctx))).toEqual(expected)
  })

  it.each([
    ['an open CIN plan is not checked', '2025-09-01', null, '2025-11-01', []],
    ['an open CP plan is not checked', '2025-09-01', '2025-12-01', null, []],
  ])('%s', (_, start, end, cppEnd, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          cinPlans: [cinPlan({ CINPlanStartDate: start, CINPlanEndDate: end })],
          childProtectionPlans: [cpPlan({ CPPendDate: cppEnd, reviews: ['2025-10-01'] })],
        }),
      ],
    })
    expect(where(rule4003.check(child, ctx))).toEqual(expected)
  })

  it('compares with CIN plans in the child’s other episodes, and judges each review by its own plan', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          cinPlans: [cinPlan({ CINPlanStartDate: '2025-06-12', CINPlanEndDate: '2025-08-01' })],
          childProtectionPlans: [
            cpPlan({ CPPstartDate: '2025-05-22', CPPendDate: '2025-07-01', reviews: ['2025-06-01'] }),
          ],
        }),
        cinEpisode({
          CINreferralDate: '2025-09-01',
          cinPlans: [],
          // Ends on its review day: passes, though the first episode's plan ended another day.
          childProtectionPlans: [
            cpPlan({
              CPPstartDate: '2025-07-01',
              CPPendDate: '2025-07-20',
              reviews: ['2025-07-20', '2025-07-10'],
            }),
          ],
        }),
      ],
    })
    expect(where(rule4003.check(child, ctx))).toEqual([
      'Reviews:2',
      'ChildProtectionPlans:1',
      'CINplanDates:0',
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan, cpPlan, section47 } from '../test-child.js'
import { rule2990 } from './rule-2990.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)
const closed = { CINclosureDate: '2025-06-10', ReasonForClosure: 'RC8' }

describe('2990 activity after closure following assessment', () => {
  it.each([
    ['RC8, assessment only', cinEpisode({ ...closed, cinPlans: [] }), []],
    ['RC9, assessment only', cinEpisode({ ...closed, ReasonForClosure: 'RC9', cinPlans: [] }), []],
    ['RC8 with a CIN plan', cinEpisode({ ...closed }), ['CINdetails:0', 'CINplanDates:0']],
    [
      'RC9 with a CIN plan',
      cinEpisode({ ...closed, ReasonForClosure: 'RC9' }),
      ['CINdetails:0', 'CINplanDates:0'],
    ],
    ['RC7 with a CIN plan', cinEpisode({ ...closed, ReasonForClosure: 'RC7' }), []],
    ['no reason, with a CIN plan', cinEpisode({ ...closed, ReasonForClosure: null }), []],
    ['lower-case rc8 is not RC8', cinEpisode({ ...closed, ReasonForClosure: 'rc8' }), []],
    [
      'RC8 with an initial conference on the episode',
      cinEpisode({ ...closed, cinPlans: [], DateOfInitialCPC: '2025-06-01' }),
      ['CINdetails:0'],
    ],
    [
      'RC8 with a section 47',
      cinEpisode({ ...closed, cinPlans: [], section47s: [section47(), section47()] }),
      ['CINdetails:0', 'Section47:0', 'Section47:1'],
    ],
    [
      'RC8 with a CP plan',
      cinEpisode({ ...closed, cinPlans: [], childProtectionPlans: [cpPlan()] }),
      ['CINdetails:0', 'ChildProtectionPlans:0'],
    ],
    [
      'RC8 with everything',
      cinEpisode({
        ...closed,
        cinPlans: [cinPlan()],
        section47s: [section47()],
        childProtectionPlans: [cpPlan()],
      }),
      ['CINdetails:0', 'Section47:0', 'ChildProtectionPlans:0', 'CINplanDates:0'],
    ],
  ])('%s', (_, episode, expected) => {
    expect(where(rule2990.check(cinChild({ cinDetails: [episode] }), ctx))).toEqual(expected)
  })

  it('looks only at the closed episode', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ ...closed, cinPlans: [] }), cinEpisode({ CINreferralDate: '2025-07-01' })],
    })
    expect(rule2990.check(child, ctx)).toHaveLength(0)
  })
})

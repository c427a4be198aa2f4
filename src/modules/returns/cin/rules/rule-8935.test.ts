import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8935 } from './rule-8935.js'

const ctx = cinContext()
const open = () => cpPlan({ CPPendDate: null })
const closed = () => cpPlan({ CPPendDate: '2025-09-01' })

describe('8935 more than one open CP plan', () => {
  it.each([
    ['one open plan', [[open()]], []],
    ['one open, one closed', [[closed(), open()]], []],
    ['two closed', [[closed(), closed()]], []],
    ['two open in one episode', [[open(), open()]], [0, 1]],
    ['two open in different episodes', [[open()], [closed(), open()]], [0, 2]],
    ['three open', [[open(), open()], [open()]], [0, 1, 2]],
    ['an empty end date counts as open', [[open(), cpPlan({ CPPendDate: '' })]], [0, 1]],
  ])('%s', (_, episodes, rows) => {
    const child = cinChild({
      cinDetails: episodes.map((plans) => cinEpisode({ childProtectionPlans: plans })),
    })
    expect(rule8935.check(child, ctx).map((h) => h.row)).toEqual(rows)
  })

  it('does not count a plan with an unreadable end date as open', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ childProtectionPlans: [open(), cpPlan({ CPPendDate: 'ongoing' })] })],
    })
    expect(rule8935.check(child, ctx)).toHaveLength(0)
  })
})

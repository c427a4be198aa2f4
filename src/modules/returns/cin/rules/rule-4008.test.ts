import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4008 } from './rule-4008.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)

describe('4008 CIN plan starting after death', () => {
  it.each([
    ['plan starts the day after death', '2025-06-11', '2025-06-12', ['ChildIdentifiers:0', 'CINplanDates:0']],
    ['plan starts the day of death', '2025-06-12', '2025-06-12', []],
    ['plan starts the day before death', '2025-06-13', '2025-06-12', []],
    ['no date of death', null, '2025-06-12', []],
    ['unreadable date of death', 'unknown', '2025-06-12', []],
    ['plan with no start', '2025-06-11', null, []],
  ])('%s', (_, death, start, expected) => {
    const child = cinChild({
      PersonDeathDate: death,
      cinDetails: [cinEpisode({ cinPlans: [cinPlan({ CINPlanStartDate: start })] })],
    })
    expect(where(rule4008.check(child, ctx))).toEqual(expected)
  })

  it('reports the child once for several plans, across episodes', () => {
    const child = cinChild({
      PersonDeathDate: '2025-06-01',
      cinDetails: [cinEpisode(), cinEpisode({ CINreferralDate: '2025-08-01', cinPlans: [cinPlan()] })],
    })
    expect(where(rule4008.check(child, ctx))).toEqual([
      'ChildIdentifiers:0',
      'CINplanDates:0',
      'CINplanDates:1',
    ])
  })
})

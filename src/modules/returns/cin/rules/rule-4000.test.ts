import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4000 } from './rule-4000.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)

describe('4000 CIN plan on a referral with no further action', () => {
  it.each([
    ['further action, with a plan', 'false', 1, []],
    ['no further action, no plan', 'true', 0, []],
    ['no further action, with a plan', 'true', 1, ['CINplanDates:0', 'CINdetails:0']],
    ['no further action written 1, with a plan', '1', 1, ['CINplanDates:0', 'CINdetails:0']],
    ['no further action, two plans', 'true', 2, ['CINplanDates:0', 'CINplanDates:1', 'CINdetails:0']],
    ['flag written 0, with a plan', '0', 1, []],
    ['flag missing, with a plan (8568 reports it)', null, 1, []],
    ['flag unreadable, with a plan', 'yes', 1, []],
  ])('%s', (_, nfa, plans, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ ReferralNFA: nfa, cinPlans: Array.from({ length: plans }, () => cinPlan()) }),
      ],
    })
    expect(where(rule4000.check(child, ctx))).toEqual(expected)
  })
})

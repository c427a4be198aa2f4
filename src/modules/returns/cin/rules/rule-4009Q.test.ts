import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4009Q } from './rule-4009Q.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)

describe('4009Q CIN plan ending after death', () => {
  it.each([
    ['plan ends the day after death', '2025-08-01', '2025-08-02', ['ChildIdentifiers:0', 'CINplanDates:0']],
    ['plan ends the day of death', '2025-08-01', '2025-08-01', []],
    ['plan ends the day before death', '2025-08-01', '2025-07-31', []],
    ['open plan', '2025-08-01', null, []],
    ['no date of death', null, '2025-08-02', []],
  ])('%s', (_, death, end, expected) => {
    const child = cinChild({
      PersonDeathDate: death,
      cinDetails: [cinEpisode({ cinPlans: [cinPlan({ CINPlanEndDate: end })] })],
    })
    expect(where(rule4009Q.check(child, ctx))).toEqual(expected)
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8555Q } from './rule-8555Q.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)

describe('8555Q referral after death', () => {
  it.each([
    ['referred the day after death', '2025-04-30', ['CINdetails:0', 'ChildIdentifiers:0']],
    ['referred the day of death', '2025-05-01', []],
    ['referred the day before death', '2025-05-02', []],
    ['no date of death', null, []],
  ])('%s', (_, death, expected) => {
    expect(where(rule8555Q.check(cinChild({ PersonDeathDate: death }), ctx))).toEqual(expected)
  })

  it('reports each late referral and the child once', () => {
    const child = cinChild({
      PersonDeathDate: '2025-04-15',
      cinDetails: [
        cinEpisode(),
        cinEpisode({ CINreferralDate: '2025-04-10' }),
        cinEpisode({ CINreferralDate: '2025-09-01' }),
      ],
    })
    expect(where(rule8555Q.check(child, ctx))).toEqual(['CINdetails:0', 'ChildIdentifiers:0', 'CINdetails:2'])
  })
})

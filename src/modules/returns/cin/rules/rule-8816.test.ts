import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8816 } from './rule-8816.js'

const ctx = cinContext()
const open = (referral: string | null, nfa = 'false') =>
  cinEpisode({ CINreferralDate: referral, ReferralNFA: nfa })
const closed = (referral: string) =>
  cinEpisode({ CINreferralDate: referral, CINclosureDate: '2025-12-01', ReasonForClosure: 'RC7' })

describe('8816 open further-action episode that is not the latest', () => {
  it.each([
    ['open one is the latest', [closed('2025-05-01'), open('2025-09-01')], []],
    ['open one is older than a closed one', [open('2025-05-01'), closed('2025-09-01')], [0, 1]],
    ['open one the day before the latest', [open('2025-08-31'), closed('2025-09-01')], [0, 1]],
    ['open NFA referral older than the latest', [open('2025-05-01', 'true'), closed('2025-09-01')], []],
    ['open, flag blank, older than the latest', [open('2025-05-01', ''), closed('2025-09-01')], []],
    ['closed one older than the latest', [closed('2025-05-01'), open('2025-09-01')], []],
    ['open one has no referral date', [open(null), closed('2025-09-01')], []],
    ['two open further action, the older reported', [open('2025-09-01'), open('2025-05-01')], [1, 0]],
    ['same latest date: the first counts as latest', [open('2025-09-01'), open('2025-09-01')], [1, 0]],
    ['a single episode', [open('2025-05-01')], []],
  ])('%s', (_, episodes, rows) => {
    const hits = rule8816.check(cinChild({ cinDetails: episodes }), ctx)
    expect(hits.map((h) => h.row)).toEqual(rows)
  })

  it('reports the latest episode once beside every stale open one', () => {
    const child = cinChild({ cinDetails: [open('2025-04-01'), open('2025-05-01'), closed('2025-09-01')] })
    expect(rule8816.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['CINdetails', 0],
      ['CINdetails', 1],
      ['CINdetails', 2],
    ])
  })
})

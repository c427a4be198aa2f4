import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8820 } from './rule-8820.js'

const ctx = cinContext()
const episode = (referral: string | null, closed: string | null, nfa = 'false') =>
  cinEpisode({
    CINreferralDate: referral,
    CINclosureDate: closed,
    ReasonForClosure: closed === null ? null : 'RC7',
    ReferralNFA: nfa,
  })

describe('8820 overlapping CIN episodes', () => {
  it.each([
    [
      'second starts the day before the first closes',
      [episode('2025-04-10', '2025-06-01'), episode('2025-05-31', null)],
      2,
    ],
    [
      'second starts the day the first closes',
      [episode('2025-04-10', '2025-06-01'), episode('2025-06-01', null)],
      0,
    ],
    ['second starts the day after', [episode('2025-04-10', '2025-06-01'), episode('2025-06-02', null)], 0],
    [
      'same referral day, both closed later',
      [episode('2025-04-10', '2025-06-01'), episode('2025-04-10', '2025-05-01')],
      2,
    ],
    ['first open with further action', [episode('2025-04-10', null), episode('2025-09-01', '2025-10-01')], 2],
    [
      'first open, no further action',
      [episode('2025-04-10', null, 'true'), episode('2025-09-01', '2025-10-01')],
      0,
    ],
    ['first open, flag blank', [episode('2025-04-10', null, ''), episode('2025-09-01', '2025-10-01')], 0],
    [
      'first open, second referred on the reference date',
      [episode('2025-04-10', null), episode('2026-03-31', null, 'true')],
      0,
    ],
    [
      'first open, second referred the day before the reference date',
      [episode('2025-04-10', null), episode('2026-03-30', null, 'true')],
      2,
    ],
    ['one without a referral date', [episode(null, '2025-06-01'), episode('2025-05-01', '2025-07-01')], 0],
    ['separate episodes', [episode('2025-04-10', '2025-05-01'), episode('2025-06-01', '2025-07-01')], 0],
    ['a single episode', [episode('2025-04-10', null)], 0],
  ])('%s', (_, episodes, expected) => {
    expect(rule8820.check(cinChild({ cinDetails: episodes }), ctx)).toHaveLength(expected)
  })

  it('reports each overlapping episode once, in file order', () => {
    const child = cinChild({
      cinDetails: [
        episode('2025-09-01', '2025-10-01'),
        episode('2025-04-10', '2025-12-01'),
        episode('2026-01-05', null),
        episode('2025-11-01', '2025-11-20'),
      ],
    })
    expect(rule8820.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['CINdetails', 0],
      ['CINdetails', 1],
      ['CINdetails', 3],
    ])
  })
})

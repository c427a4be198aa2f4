import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8772 } from './rule-8772.js'

const ctx = cinContext()

describe('8772 UN7 with a referral going on to further action', () => {
  it.each([
    ['UN7, NFA true', 'UN7', ['true'], 0],
    ['UN7, NFA 1', 'UN7', ['1'], 0],
    ['UN7, NFA TRUE', 'UN7', ['TRUE'], 0],
    ['UN7, further action', 'UN7', ['false'], 2],
    ['UN7, further action as 0', 'UN7', ['0'], 2],
    ['UN7, flag blank', 'UN7', [''], 2],
    ['UN7, one of two with further action', 'UN7', ['true', 'false'], 2],
    ['UN7, both with further action', 'UN7', ['false', 'false'], 3],
    ['UN6, further action', 'UN6', ['false'], 0],
    ['no reason, further action', null, ['false'], 0],
    ['lower-case un7 is not UN7', 'un7', ['false'], 0],
    ['UN7, no episodes', 'UN7', [], 0],
  ])('%s', (_, reason, flags, expected) => {
    const child = cinChild({
      UPN: null,
      UPNunknown: reason,
      cinDetails: flags.map((f) => cinEpisode({ ReferralNFA: f })),
    })
    expect(rule8772.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the child once and each further-action episode', () => {
    const child = cinChild({
      UPN: null,
      UPNunknown: 'UN7',
      cinDetails: [
        cinEpisode({ ReferralNFA: 'false' }),
        cinEpisode({ ReferralNFA: 'true' }),
        cinEpisode({ ReferralNFA: '0' }),
      ],
    })
    expect(rule8772.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['ChildIdentifiers', 0],
      ['CINdetails', 0],
      ['CINdetails', 2],
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8568 } from './rule-8568.js'

const ctx = cinContext()

describe('8568 referral NFA flag missing or invalid', () => {
  it.each([
    ['true', 'true', 0],
    ['false', 'false', 0],
    ['1', '1', 0],
    ['0', '0', 0],
    ['upper case TRUE', 'TRUE', 0],
    ['2', '2', 1],
    ['a word', 'Woof', 1],
    ['blank', '', 1],
    ['element left out', null, 1],
  ])('%s', (_, nfa, expected) => {
    const child = cinChild({ cinDetails: [cinEpisode({ ReferralNFA: nfa })] })
    expect(rule8568.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each episode with a bad flag on its own row', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ ReferralNFA: 'yes' }), cinEpisode(), cinEpisode({ ReferralNFA: '' })],
    })
    expect(rule8568.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['CINdetails', 0],
      ['CINdetails', 2],
    ])
  })
})

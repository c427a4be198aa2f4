import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8610 } from './rule-8610.js'

const ctx = cinContext()

describe('8610 primary need required after further action', () => {
  it.each([
    ['further action, need given', 'false', 'N4', 0],
    ['further action, need blank', 'false', '', 1],
    ['further action as 0, need left out', '0', null, 1],
    ['further action, need invalid (8650 reports it)', 'false', 'X9', 0],
    ['no further action, need blank', 'true', '', 0],
    ['no further action as 1, need left out', '1', null, 0],
    ['flag blank, need blank', '', '', 0],
  ])('%s', (_, nfa, need, expected) => {
    const child = cinChild({ cinDetails: [cinEpisode({ ReferralNFA: nfa, PrimaryNeedCode: need })] })
    expect(rule8610.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the episode rows', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ PrimaryNeedCode: null }), cinEpisode(), cinEpisode({ PrimaryNeedCode: '' })],
    })
    expect(rule8610.check(child, ctx).map((h) => h.row)).toEqual([0, 2])
  })
})

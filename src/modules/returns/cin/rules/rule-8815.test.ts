import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8815 } from './rule-8815.js'

const ctx = cinContext()
const open = (nfa: string) => cinEpisode({ ReferralNFA: nfa })
const closed = (nfa: string) =>
  cinEpisode({ ReferralNFA: nfa, CINclosureDate: '2025-06-01', ReasonForClosure: 'RC7' })

describe('8815 more than one open further-action episode', () => {
  it.each([
    ['one open, further action', [open('false')], 0],
    ['two open, further action', [open('false'), open('false')], 2],
    ['two open, further action as 0 and false', [open('0'), open('false')], 2],
    ['one open further action, one open NFA', [open('false'), open('true')], 0],
    ['two open NFA', [open('true'), open('1')], 0],
    ['two further action, one closed', [open('false'), closed('false')], 0],
    [
      'two open further action and an open NFA: all three open',
      [open('false'), open('true'), open('false')],
      3,
    ],
    ['two open further action and a closed one', [open('false'), closed('false'), open('false')], 2],
    ['one open further action, one open with flag blank', [open('false'), open('')], 0],
  ])('%s', (_, episodes, expected) => {
    expect(rule8815.check(cinChild({ cinDetails: episodes }), ctx)).toHaveLength(expected)
  })

  it('counts an unreadable closure date as open', () => {
    const child = cinChild({ cinDetails: [open('false'), cinEpisode({ CINclosureDate: '2025-13-01' })] })
    expect(rule8815.check(child, ctx)).toHaveLength(2)
  })

  it('reports every open episode of the child', () => {
    const child = cinChild({ cinDetails: [open('false'), closed('false'), open('true'), open('false')] })
    expect(rule8815.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['CINdetails', 0],
      ['CINdetails', 2],
      ['CINdetails', 3],
    ])
  })
})

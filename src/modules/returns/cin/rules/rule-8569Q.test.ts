import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8569Q } from './rule-8569Q.js'

const ctx = cinContext()

describe('8569Q referral before the year cannot be NFA', () => {
  // 2025/26 starts on Tuesday 1 April 2025; one working day before is Monday 31 March.
  it.each([
    ['NFA, two days before the threshold (Friday)', '2025-03-28', 'true', 1],
    ['NFA, the day before the threshold (Sunday)', '2025-03-30', 'true', 1],
    ['NFA, on the threshold', '2025-03-31', 'true', 0],
    ['NFA, first day of the year', '2025-04-01', 'true', 0],
    ['further action, long before', '2024-10-26', 'false', 0],
    ['further action as 0', '2024-10-26', '0', 0],
    ['flag 1, long before', '2024-10-26', '1', 1],
    ['flag blank, long before', '2024-10-26', '', 1],
    ['flag invalid, long before', '2024-10-26', 'maybe', 1],
    ['no referral date', null, 'true', 0],
  ])('%s', (_, referral, nfa, expected) => {
    const child = cinChild({ cinDetails: [cinEpisode({ CINreferralDate: referral, ReferralNFA: nfa })] })
    expect(rule8569Q.check(child, ctx)).toHaveLength(expected)
  })

  it('steps over Easter when the year starts on a bank holiday (2024/25)', () => {
    // 1 April 2024 was Easter Monday and 29 March Good Friday: one working day before is 28 March.
    const ctx2024 = cinContext('2024/25')
    const on = (date: string) =>
      rule8569Q.check(
        cinChild({ cinDetails: [cinEpisode({ CINreferralDate: date, ReferralNFA: 'true' })] }),
        ctx2024,
      )
    expect(on('2024-03-27')).toHaveLength(1)
    expect(on('2024-03-28')).toHaveLength(0)
    expect(on('2024-04-01')).toHaveLength(0)
  })

  it('reports the episode row', () => {
    const child = cinChild({
      cinDetails: [cinEpisode(), cinEpisode({ CINreferralDate: '2024-06-01', ReferralNFA: 'true' })],
    })
    expect(rule8569Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['CINdetails', 1]])
  })
})

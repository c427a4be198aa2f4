import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule2889 } from './rule-2889.js'

const ctx = cinContext()

describe('2889 section 47 cannot start before the referral', () => {
  it.each([
    ['the day before the referral', '2025-05-01', '2025-04-30', 2],
    ['the day of the referral', '2025-05-01', '2025-05-01', 0],
    ['the day after', '2025-05-01', '2025-05-02', 0],
    ['no start date', '2025-05-01', null, 0],
    ['start date not a date', '2025-05-01', '2025-13-01', 0],
    ['no referral date', null, '2025-04-30', 0],
  ])('%s', (_, referral, start, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ CINreferralDate: referral, section47s: [section47({ S47ActualStartDate: start })] }),
      ],
    })
    expect(rule2889.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each early enquiry and the episode once', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          section47s: [
            section47({ S47ActualStartDate: '2025-04-29' }),
            section47({ S47ActualStartDate: '2025-04-30' }),
          ],
        }),
      ],
    })
    expect(rule2889.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Section47', 0],
      ['CINdetails', 0],
      ['Section47', 1],
    ])
  })
})

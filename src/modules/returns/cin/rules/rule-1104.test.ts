import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule1104 } from './rule-1104.js'

const ctx = cinContext()

describe('1104 initial conference cannot be before the referral', () => {
  it.each([
    ['the day before the referral', '2025-05-01', '2025-04-30', 2],
    ['the day of the referral', '2025-05-01', '2025-05-01', 0],
    ['the day after', '2025-05-01', '2025-05-02', 0],
    ['no conference', '2025-05-01', null, 0],
    ['blank conference', '2025-05-01', '', 0],
    ['no referral date', null, '2025-04-30', 0],
  ])('%s', (_, referral, icpc, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ CINreferralDate: referral, section47s: [section47({ DateOfInitialCPC: icpc })] }),
      ],
    })
    expect(rule1104.check(child, ctx)).toHaveLength(expected)
  })

  it('ignores the conference date held on the episode itself', () => {
    const child = cinChild({ cinDetails: [cinEpisode({ DateOfInitialCPC: '2025-04-01', section47s: [] })] })
    expect(rule1104.check(child, ctx)).toHaveLength(0)
  })

  it('reports two early enquiries and their episode once', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          section47s: [
            section47({ DateOfInitialCPC: '2025-04-01' }),
            section47({ DateOfInitialCPC: '2025-04-02' }),
          ],
        }),
      ],
    })
    expect(rule1104.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Section47', 0],
      ['CINdetails', 0],
      ['Section47', 1],
    ])
  })
})

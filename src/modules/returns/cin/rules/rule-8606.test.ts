import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8606 } from './rule-8606.js'

const ctx = cinContext()

describe('8606 referral more than 40 weeks before birth', () => {
  // 280 days before 2025-12-01 is 2025-02-24.
  it.each([
    ['281 days before the birth', '2025-12-01', null, '2025-02-23', 2],
    ['280 days before the birth', '2025-12-01', null, '2025-02-24', 0],
    ['279 days before the birth', '2025-12-01', null, '2025-02-25', 0],
    ['281 days before the expected birth', null, '2025-12-01', '2025-02-23', 2],
    ['280 days before the expected birth', null, '2025-12-01', '2025-02-24', 0],
    ['either date early is enough', '2024-01-01', '2025-12-01', '2025-02-23', 2],
    ['no dates of birth', null, null, '2000-01-01', 0],
    ['no referral date', '2025-12-01', null, null, 0],
  ])('%s', (_, birth, expected, referral, count) => {
    const child = cinChild({
      PersonBirthDate: birth,
      ExpectedPersonBirthDate: expected,
      cinDetails: [cinEpisode({ CINreferralDate: referral })],
    })
    expect(rule8606.check(child, ctx)).toHaveLength(count)
  })

  it('reports each early episode and the child once', () => {
    const child = cinChild({
      PersonBirthDate: '2025-12-01',
      cinDetails: [
        cinEpisode({ CINreferralDate: '2025-01-01' }),
        cinEpisode({ CINreferralDate: '2025-06-01' }),
        cinEpisode({ CINreferralDate: '2024-12-01' }),
      ],
    })
    expect(rule8606.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['CINdetails', 0],
      ['CINdetails', 2],
      ['ChildIdentifiers', 0],
    ])
  })
})

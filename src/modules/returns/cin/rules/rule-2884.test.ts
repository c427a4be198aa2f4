import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule2884 } from './rule-2884.js'

const ctx = cinContext()

describe('2884 initial conference recorded on both the S47 and the episode', () => {
  it.each([
    ['on the S47 only', null, '2025-05-22', 0],
    ['on the episode only', '2025-05-22', null, 0],
    ['the same date in both', '2025-05-22', '2025-05-22', 2],
    ['a day apart', '2025-05-22', '2025-05-23', 0],
    ['neither', null, null, 0],
    ['blank in both', '', '', 0],
  ])('%s', (_, onEpisode, onS47, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ DateOfInitialCPC: onEpisode, section47s: [section47({ DateOfInitialCPC: onS47 })] }),
      ],
    })
    expect(rule2884.check(child, ctx)).toHaveLength(expected)
  })

  it('matches dates across the child’s episodes, as the reference does', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ DateOfInitialCPC: '2025-05-22', section47s: [] }),
        cinEpisode({
          CINreferralDate: '2025-06-01',
          section47s: [
            section47({ DateOfInitialCPC: '2025-07-01' }),
            section47({ DateOfInitialCPC: '2025-05-22' }),
          ],
        }),
      ],
    })
    expect(rule2884.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Section47', 1],
      ['CINdetails', 0],
    ])
  })
})

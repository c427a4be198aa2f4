import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule8875 } from './rule-8875.js'

const ctx = cinContext()

describe('8875 ICPC on a weekend', () => {
  it.each([
    ['Friday', '2025-05-23', 0],
    ['Saturday', '2025-05-24', 1],
    ['Sunday', '2025-05-25', 1],
    ['Monday, a bank holiday', '2025-05-26', 0],
    ['no conference', null, 0],
    ['unreadable', 'Saturday', 0],
  ])('%s', (_, icpc, expected) => {
    const child = cinChild({
      cinDetails: [cinEpisode({ section47s: [section47({ DateOfInitialCPC: icpc })] })],
    })
    expect(rule8875.check(child, ctx)).toHaveLength(expected)
  })

  it('ignores a conference date recorded on the episode', () => {
    const child = cinChild({ cinDetails: [cinEpisode({ DateOfInitialCPC: '2025-05-24' })] })
    expect(rule8875.check(child, ctx)).toHaveLength(0)
  })

  it('reports the enquiry row', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ section47s: [section47(), section47({ DateOfInitialCPC: '2025-06-01' })] })],
    })
    expect(rule8875.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['Section47', 1]])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule8715 } from './rule-8715.js'

const ctx = cinContext()

describe('8715 ICPC date outside the census year', () => {
  it.each([
    ['the day before the year', '2025-03-31', 1],
    ['the first day of the year', '2025-04-01', 0],
    ['the last day of the year', '2026-03-31', 0],
    ['the day after the year', '2026-04-01', 1],
    ['no conference', null, 0],
    ['unreadable', 'next week', 0],
  ])('%s', (_, icpc, expected) => {
    const s = section47({ S47ActualStartDate: '2025-03-01', DateOfInitialCPC: icpc })
    const child = cinChild({ cinDetails: [cinEpisode({ section47s: [s] })] })
    expect(rule8715.check(child, ctx)).toHaveLength(expected)
  })

  it('ignores an ICPC date recorded on the episode', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ DateOfInitialCPC: '2024-01-01', section47s: [section47()] })],
    })
    expect(rule8715.check(child, ctx)).toHaveLength(0)
  })

  it('reports the enquiry row', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ section47s: [section47(), section47({ DateOfInitialCPC: '2026-04-02' })] })],
    })
    expect(rule8715.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['Section47', 1]])
  })
})

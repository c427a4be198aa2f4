import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule8615 } from './rule-8615.js'

const ctx = cinContext()

describe('8615 S47 start must be present and not after the ICPC', () => {
  it.each([
    ['started the day before the conference', '2025-05-21', '2025-05-22', 0],
    ['started the day of the conference', '2025-05-22', '2025-05-22', 0],
    ['started the day after the conference', '2025-05-23', '2025-05-22', 1],
    ['no start date, conference held', null, '2025-05-22', 1],
    ['unreadable start date, conference held', '2025-5-6', '2025-05-22', 1],
    ['no start date, no conference', null, null, 0],
    ['started, no conference yet', '2025-05-06', null, 0],
  ])('%s', (_, start, icpc, expected) => {
    const s = section47({ S47ActualStartDate: start, DateOfInitialCPC: icpc })
    const child = cinChild({ cinDetails: [cinEpisode({ section47s: [s] })] })
    expect(rule8615.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each bad enquiry', () => {
    const bad = () => section47({ S47ActualStartDate: '2025-06-01' })
    const child = cinChild({ cinDetails: [cinEpisode({ section47s: [bad(), section47(), bad()] })] })
    expect(rule8615.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Section47', 0],
      ['Section47', 2],
    ])
  })
})

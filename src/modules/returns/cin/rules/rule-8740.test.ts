import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule8740 } from './rule-8740.js'

const ctx = cinContext()

describe('8740 S47 with no ICPC must start within the census year', () => {
  it.each([
    ['no ICPC, started the day before the year', '2025-03-31', null, 'false', 1],
    ['no ICPC, started the first day', '2025-04-01', null, 'false', 0],
    ['no ICPC, started the last day', '2026-03-31', null, 'false', 0],
    ['no ICPC, started the day after', '2026-04-01', null, 'false', 1],
    ['no ICPC, flag 0, started before the year', '2025-01-10', null, '0', 1],
    ['no ICPC, not required, started before the year', '2025-01-10', null, 'true', 0],
    ['no ICPC, flag blank, started before the year', '2025-01-10', null, '', 0],
    ['ICPC held, started before the year', '2025-03-20', '2025-04-03', 'false', 0],
    ['no ICPC, no start date', null, null, 'false', 0],
  ])('%s', (_, start, icpc, notRequired, expected) => {
    const s = section47({ S47ActualStartDate: start, DateOfInitialCPC: icpc, ICPCnotRequired: notRequired })
    const child = cinChild({ cinDetails: [cinEpisode({ section47s: [s] })] })
    expect(rule8740.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the enquiry row', () => {
    const old = section47({ S47ActualStartDate: '2024-11-01', DateOfInitialCPC: null })
    const child = cinChild({ cinDetails: [cinEpisode({ section47s: [section47(), old] })] })
    expect(rule8740.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['Section47', 1]])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule8675Q } from './rule-8675Q.js'

const ctx = cinContext()

describe('8675Q S47 started more than 15 working days before the year end with no ICPC', () => {
  // The 15 working days ending Tuesday 31 March 2026 begin on Wednesday 11 March 2026.
  it.each([
    ['no ICPC, started 10 March (16 working days)', '2026-03-10', null, 'false', 1],
    ['no ICPC, started 11 March (15 working days)', '2026-03-11', null, 'false', 0],
    ['no ICPC, started 12 March', '2026-03-12', null, 'false', 0],
    ['no ICPC as 0, started long ago', '2025-06-01', null, '0', 1],
    ['no ICPC, not required', '2025-06-01', null, 'true', 0],
    ['no ICPC, flag blank', '2025-06-01', null, '', 0],
    ['no ICPC, flag left out', '2025-06-01', null, null, 0],
    ['ICPC held', '2025-06-01', '2025-06-20', 'false', 0],
    ['no start date', null, null, 'false', 0],
  ])('%s', (_, start, icpc, notRequired, expected) => {
    const s = section47({
      S47ActualStartDate: start,
      DateOfInitialCPC: icpc,
      InitialCPCtarget: null,
      ICPCnotRequired: notRequired,
    })
    const child = cinChild({ cinDetails: [cinEpisode({ section47s: [s] })] })
    expect(rule8675Q.check(child, ctx)).toHaveLength(expected)
  })

  it('agrees with the calendar: 15 working days inclusive from 11 March 2026 to 31 March', () => {
    expect(ctx.calendar.workingDaysInclusive('2026-03-11', '2026-03-31')).toBe(15)
    expect(ctx.calendar.workingDaysInclusive('2026-03-10', '2026-03-31')).toBe(16)
  })

  it('reports each such enquiry', () => {
    const open = () => section47({ S47ActualStartDate: '2025-11-03', DateOfInitialCPC: null })
    const child = cinChild({ cinDetails: [cinEpisode({ section47s: [section47(), open()] })] })
    expect(rule8675Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['Section47', 1]])
  })
})

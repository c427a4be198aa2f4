import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8670Q } from './rule-8670Q.js'

const ctx = cinContext()

describe('8670Q open assessment started more than 45 working days before the year end', () => {
  // Inclusive count back from Tuesday 31 March 2026 (no bank holidays between): the 45 working
  // days begin on Wednesday 28 January 2026.
  it.each([
    ['open, started Saturday 24 January', '2026-01-24', null, 1],
    ['open, started Tuesday 27 January (46 working days)', '2026-01-27', null, 1],
    ['open, started Wednesday 28 January (45 working days)', '2026-01-28', null, 0],
    ['open, started Thursday 29 January', '2026-01-29', null, 0],
    ['open, started long ago', '2025-04-02', null, 1],
    ['authorised, started long ago', '2025-04-02', '2025-06-01', 0],
    ['authorisation unreadable counts as open', '2025-04-02', '2025-06-31', 1],
    ['open, no start date', null, null, 0],
  ])('%s', (_, start, end, expected) => {
    const a = assessment({
      AssessmentActualStartDate: start,
      AssessmentAuthorisationDate: end,
      factors: null,
    })
    const child = cinChild({ cinDetails: [cinEpisode({ assessments: [a] })] })
    expect(rule8670Q.check(child, ctx)).toHaveLength(expected)
  })

  it('agrees with the calendar: 45 working days inclusive from 28 January 2026 to 31 March', () => {
    expect(ctx.calendar.workingDaysInclusive('2026-01-28', '2026-03-31')).toBe(45)
    expect(ctx.calendar.workingDaysInclusive('2026-01-27', '2026-03-31')).toBe(46)
  })

  it('reports each open assessment', () => {
    const open = () =>
      assessment({
        AssessmentActualStartDate: '2025-10-01',
        AssessmentAuthorisationDate: null,
        factors: null,
      })
    const child = cinChild({ cinDetails: [cinEpisode({ assessments: [open(), assessment(), open()] })] })
    expect(rule8670Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Assessments', 0],
      ['Assessments', 2],
    ])
  })
})

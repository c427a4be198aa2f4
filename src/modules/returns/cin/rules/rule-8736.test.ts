import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8736 } from './rule-8736.js'

const ctx = cinContext()

describe('8736 open assessment must start within the census year', () => {
  it.each([
    ['open, started the day before the year', '2025-03-31', null, 1],
    ['open, started the first day', '2025-04-01', null, 0],
    ['open, started the last day', '2026-03-31', null, 0],
    ['open, started the day after', '2026-04-01', null, 1],
    ['open, no start date', null, null, 1],
    ['open, unreadable start date', '2025-4-1', null, 1],
    ['completed, started before the year', '2025-03-01', '2025-04-10', 0],
    ['authorisation unreadable counts as open', '2025-03-01', 'soon', 1],
  ])('%s', (_, start, end, expected) => {
    const a = assessment({
      AssessmentActualStartDate: start,
      AssessmentAuthorisationDate: end,
      factors: null,
    })
    const child = cinChild({ cinDetails: [cinEpisode({ assessments: [a] })] })
    expect(rule8736.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the assessment row', () => {
    const old = assessment({
      AssessmentActualStartDate: '2024-12-01',
      AssessmentAuthorisationDate: null,
      factors: null,
    })
    const child = cinChild({ cinDetails: [cinEpisode({ assessments: [assessment(), old] })] })
    expect(rule8736.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['Assessments', 1]])
  })
})

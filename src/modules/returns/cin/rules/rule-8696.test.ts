import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8696 } from './rule-8696.js'

const ctx = cinContext()

describe('8696 assessment end date outside the census year', () => {
  it.each([
    ['the day before the year', '2025-03-31', 1],
    ['the first day of the year', '2025-04-01', 0],
    ['the last day of the year', '2026-03-31', 0],
    ['the day after the year', '2026-04-01', 1],
    ['not authorised', null, 0],
    ['unreadable', '2025-13-01', 0],
  ])('%s', (_, end, expected) => {
    const a = assessment({ AssessmentActualStartDate: '2025-03-01', AssessmentAuthorisationDate: end })
    const child = cinChild({ cinDetails: [cinEpisode({ assessments: [a] })] })
    expect(rule8696.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each assessment out of the year', () => {
    const late = () => assessment({ AssessmentAuthorisationDate: '2026-05-01' })
    const child = cinChild({ cinDetails: [cinEpisode({ assessments: [late(), assessment(), late()] })] })
    expect(rule8696.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Assessments', 0],
      ['Assessments', 2],
    ])
  })
})

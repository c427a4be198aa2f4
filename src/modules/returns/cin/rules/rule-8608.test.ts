import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8608 } from './rule-8608.js'

const ctx = cinContext()

describe('8608 assessment start after its end', () => {
  it.each([
    ['authorised the day before it started', '2025-06-10', '2025-06-09', 1],
    ['authorised the day it started', '2025-06-10', '2025-06-10', 0],
    ['authorised the day after', '2025-06-10', '2025-06-11', 0],
    ['not yet authorised', '2025-06-10', null, 0],
    ['no start date', null, '2025-06-09', 0],
    ['authorisation date unreadable', '2025-06-10', 'soon', 0],
  ])('%s', (_, start, end, expected) => {
    const a = assessment({ AssessmentActualStartDate: start, AssessmentAuthorisationDate: end })
    const child = cinChild({ cinDetails: [cinEpisode({ assessments: [a] })] })
    expect(rule8608.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each bad assessment on its own row, across episodes', () => {
    const bad = () =>
      assessment({ AssessmentActualStartDate: '2025-07-01', AssessmentAuthorisationDate: '2025-06-01' })
    const child = cinChild({
      cinDetails: [cinEpisode({ assessments: [assessment(), bad()] }), cinEpisode({ assessments: [bad()] })],
    })
    expect(rule8608.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Assessments', 1],
      ['Assessments', 2],
    ])
  })
})

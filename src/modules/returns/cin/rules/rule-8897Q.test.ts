import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8897Q } from './rule-8897Q.js'

const ctx = cinContext()

describe('8897Q completed assessment without valid factors', () => {
  it.each([
    ['authorised in the year, a valid factor', '2025-06-10', ['2B'], 0],
    ['authorised in the year, 21', '2025-06-10', ['21'], 0],
    ['authorised in the year, no factors block', '2025-06-10', null, 1],
    ['authorised in the year, an empty factors block', '2025-06-10', [], 1],
    ['authorised in the year, only a blank factor', '2025-06-10', [''], 1],
    ['authorised in the year, a valid and an unknown factor', '2025-06-10', ['2B', '25A'], 1],
    ['authorised in the year, lower-case code', '2025-06-10', ['2b'], 1],
    ['authorised on the first day of the year, no factors', '2025-04-01', null, 1],
    ['authorised the day before the year, no factors', '2025-03-31', null, 0],
    ['authorised after the year, no factors', '2026-04-10', null, 1],
    ['not authorised, no factors', null, null, 0],
  ])('%s', (_, end, factors, expected) => {
    const a = assessment({
      AssessmentActualStartDate: '2025-03-01',
      AssessmentAuthorisationDate: end,
      factors,
    })
    expect(rule8897Q.check(cinChild({ cinDetails: [cinEpisode({ assessments: [a] })] }), ctx)).toHaveLength(
      expected,
    )
  })

  it('judges each assessment by its own factors, not those of other episodes', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ assessments: [assessment({ factors: ['XX'] })] }),
        cinEpisode({ assessments: [assessment({ factors: ['2B'] })] }),
      ],
    })
    expect(rule8897Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['Assessments', 0]])
  })
})

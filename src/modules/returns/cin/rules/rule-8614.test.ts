import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8614 } from './rule-8614.js'

const ctx = cinContext()

describe('8614 factors only on completed assessments', () => {
  it.each([
    ['completed, with factors', '2025-06-10', ['2B'], 0],
    ['completed, no factors', '2025-06-10', null, 0],
    ['open, with factors', null, ['2B'], 1],
    ['open, with two factors', null, ['2B', '3A'], 1],
    ['open, with only a blank factor', null, [''], 1],
    ['open, with an empty factors block', null, [], 0],
    ['open, no factors block', null, null, 0],
    ['authorisation unreadable, with factors', '31/02/2025', ['2B'], 1],
  ])('%s', (_, end, factors, expected) => {
    const a = assessment({ AssessmentAuthorisationDate: end, factors })
    const child = cinChild({ cinDetails: [cinEpisode({ assessments: [a] })] })
    expect(rule8614.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the assessment row', () => {
    const open = assessment({ AssessmentAuthorisationDate: null, factors: ['1A'] })
    const child = cinChild({ cinDetails: [cinEpisode({ assessments: [assessment(), open] })] })
    expect(rule8614.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['Assessments', 1]])
  })
})

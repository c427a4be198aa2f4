import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8896 } from './rule-8896.js'

const ctx = cinContext()
const open = () => assessment({ AssessmentAuthorisationDate: null, factors: null })
const done = () => assessment()

describe('8896 two or more open assessments in one episode', () => {
  it.each([
    ['one open', [open()], 0],
    ['one open, one completed', [open(), done()], 0],
    ['two open', [open(), open()], 2],
    ['two open and one completed: all three', [open(), done(), open()], 3],
    [
      'authorisation unreadable counts as open',
      [open(), assessment({ AssessmentAuthorisationDate: '2025-02-30' })],
      2,
    ],
    ['two completed', [done(), done()], 0],
  ])('%s', (_, assessments, expected) => {
    expect(rule8896.check(cinChild({ cinDetails: [cinEpisode({ assessments })] }), ctx)).toHaveLength(
      expected,
    )
  })

  it('counts within each episode, and reports that episode only', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ assessments: [open()] }),
        cinEpisode({ assessments: [open(), done(), open()] }),
        cinEpisode({ assessments: [open()] }),
      ],
    })
    expect(rule8896.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Assessments', 1],
      ['Assessments', 2],
      ['Assessments', 3],
    ])
  })
})

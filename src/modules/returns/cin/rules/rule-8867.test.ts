import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8867 } from './rule-8867.js'

const ctx = cinContext()
const open = () => assessment({ AssessmentAuthorisationDate: null, factors: null })

describe('8867 closed episode with an open assessment', () => {
  it.each([
    ['closed, assessment completed', '2025-10-01', [assessment()], 0],
    ['closed, assessment open', '2025-10-01', [open()], 2],
    [
      'closed, assessment authorisation unreadable',
      '2025-10-01',
      [assessment({ AssessmentAuthorisationDate: '2025-06-31' })],
      2,
    ],
    ['closed, one open of two', '2025-10-01', [assessment(), open()], 2],
    ['closed, two open', '2025-10-01', [open(), open()], 3],
    ['closed, no assessments', '2025-10-01', [], 0],
    ['open episode, assessment open', null, [open()], 0],
    ['closure date unreadable, assessment open', '2025-10-32', [open()], 0],
  ])('%s', (_, closed, assessments, expected) => {
    const child = cinChild({
      cinDetails: [cinEpisode({ CINclosureDate: closed, ReasonForClosure: 'RC7', assessments })],
    })
    expect(rule8867.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the episode once and each open assessment', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ assessments: [open()] }),
        cinEpisode({
          CINclosureDate: '2025-10-01',
          ReasonForClosure: 'RC7',
          assessments: [open(), assessment(), open()],
        }),
      ],
    })
    expect(rule8867.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['CINdetails', 1],
      ['Assessments', 1],
      ['Assessments', 3],
    ])
  })
})

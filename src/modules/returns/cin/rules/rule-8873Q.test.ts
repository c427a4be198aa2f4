import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8873Q } from './rule-8873Q.js'

const ctx = cinContext()
const closedWith = (reason: string | null, assessments = [assessment({ factors: ['21'] })]) =>
  cinEpisode({
    CINclosureDate: reason === null ? null : '2025-06-20',
    ReasonForClosure: reason,
    cinPlans: [],
    assessments,
  })

describe('8873Q only assessment has factor 21 but closure is not RC8 or RC9', () => {
  it.each([
    ['21, closed RC8', closedWith('RC8'), 0],
    ['21, closed RC9', closedWith('RC9'), 0],
    ['21, closed RC7', closedWith('RC7'), 2],
    ['21, still open', closedWith(null), 2],
    [
      '21 written out in full, closed RC7',
      closedWith('RC7', [assessment({ factors: ['21 No factors identified'] })]),
      2,
    ],
    ['other factors, closed RC7', closedWith('RC7', [assessment({ factors: ['2B'] })]), 0],
    ['no factors, closed RC7', closedWith('RC7', [assessment({ factors: null })]), 0],
    [
      '21 on one of two assessments, closed RC7',
      closedWith('RC7', [assessment({ factors: ['21'] }), assessment()]),
      0,
    ],
    [
      '21, assessment not authorised, closed RC7',
      closedWith('RC7', [assessment({ factors: ['21'], AssessmentAuthorisationDate: null })]),
      2,
    ],
  ])('%s', (_, episode, expected) => {
    expect(rule8873Q.check(cinChild({ cinDetails: [episode] }), ctx)).toHaveLength(expected)
  })

  it('reports the assessment and its episode', () => {
    const child = cinChild({ cinDetails: [cinEpisode(), closedWith('RC7')] })
    expect(rule8873Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Assessments', 1],
      ['CINdetails', 1],
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule1103 } from './rule-1103.js'

const ctx = cinContext()

describe('1103 assessment cannot start before the referral', () => {
  it.each([
    ['the day before the referral', '2025-05-01', '2025-04-30', 2],
    ['the day of the referral', '2025-05-01', '2025-05-01', 0],
    ['the day after', '2025-05-01', '2025-05-02', 0],
    ['no start date', '2025-05-01', null, 0],
    ['a start date that is not a date', '2025-05-01', '2025-02-30', 0],
    ['no referral date', null, '2025-04-30', 0],
    ['UK form, the day before', '01/05/2025', '30/04/2025', 2],
  ])('%s', (_, referral, start, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          CINreferralDate: referral,
          assessments: [assessment({ AssessmentActualStartDate: start })],
        }),
      ],
    })
    expect(rule1103.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each early assessment, and its episode once', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          assessments: [
            assessment({ AssessmentActualStartDate: '2025-04-01' }),
            assessment({ AssessmentActualStartDate: '2025-05-01' }),
            assessment({ AssessmentActualStartDate: '2025-04-20' }),
          ],
        }),
      ],
    })
    const hits = rule1103.check(child, ctx)
    expect(hits.map((h) => [h.table, h.row])).toEqual([
      ['Assessments', 0],
      ['CINdetails', 0],
      ['Assessments', 2],
    ])
  })

  it('compares with the referral of the same episode only', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          CINreferralDate: '2025-04-10',
          assessments: [assessment({ AssessmentActualStartDate: '2025-04-12' })],
        }),
        cinEpisode({
          CINreferralDate: '2025-09-01',
          assessments: [assessment({ AssessmentActualStartDate: '2025-08-31' })],
        }),
      ],
    })
    expect(rule1103.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Assessments', 1],
      ['CINdetails', 1],
    ])
  })
})

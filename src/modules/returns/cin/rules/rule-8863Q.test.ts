import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8863Q } from './rule-8863Q.js'

const ctx = cinContext()
const a = (start: string | null, end: string | null) =>
  assessment({
    AssessmentActualStartDate: start,
    AssessmentAuthorisationDate: end,
    factors: end === null ? null : ['2B'],
  })

describe('8863Q an assessment starting while another is under way', () => {
  it.each([
    [
      'second starts the day before the first ends',
      [a('2025-05-01', '2025-06-10'), a('2025-06-09', '2025-07-01')],
      2,
    ],
    [
      'second starts the day the first ends',
      [a('2025-05-01', '2025-06-10'), a('2025-06-10', '2025-07-01')],
      2,
    ],
    ['second starts the day after', [a('2025-05-01', '2025-06-10'), a('2025-06-11', '2025-07-01')], 0],
    ['first still open', [a('2025-05-01', null), a('2025-09-01', '2025-10-01')], 2],
    ['first open, second starts on the reference date', [a('2025-05-01', null), a('2026-03-31', null)], 2],
    ['first open, second starts after the reference date', [a('2025-05-01', null), a('2026-04-01', null)], 0],
    ['same start and end: not compared', [a('2025-05-01', '2025-06-10'), a('2025-05-01', '2025-06-10')], 0],
    ['same start, both open: not compared', [a('2025-05-01', null), a('2025-05-01', null)], 0],
    ['same start, different ends', [a('2025-05-01', '2025-06-10'), a('2025-05-01', '2025-06-20')], 2],
    ['one without a start date', [a(null, '2025-06-10'), a('2025-05-01', '2025-06-20')], 0],
    ['a single assessment', [a('2025-05-01', null)], 0],
  ])('%s', (_, assessments, expected) => {
    expect(rule8863Q.check(cinChild({ cinDetails: [cinEpisode({ assessments })] }), ctx)).toHaveLength(
      expected,
    )
  })

  it('compares assessments within the same episode only', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ assessments: [a('2025-05-01', null)] }),
        cinEpisode({ assessments: [a('2025-06-01', '2025-06-20')] }),
      ],
    })
    expect(rule8863Q.check(child, ctx)).toHaveLength(0)
  })

  it('reports each overlapping assessment once', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ assessments: [a('2025-04-02', '2025-04-20')] }),
        cinEpisode({
          assessments: [
            a('2025-05-01', '2025-08-01'),
            a('2025-09-01', null),
            a('2025-06-01', '2025-06-10'),
            a('2025-07-01', '2025-07-10'),
          ],
        }),
      ],
    })
    expect(rule8863Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Assessments', 1],
      ['Assessments', 3],
      ['Assessments', 4],
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule8890 } from './rule-8890.js'

const ctx = cinContext()
const s = (start: string | null, icpc: string | null, notRequired = 'false') =>
  section47({ S47ActualStartDate: start, DateOfInitialCPC: icpc, ICPCnotRequired: notRequired })

describe('8890 an S47 starting while another is under way', () => {
  it.each([
    [
      'second starts the day before the first conference',
      [s('2025-05-01', '2025-05-22'), s('2025-05-21', '2025-06-10')],
      2,
    ],
    [
      'second starts the day of the first conference',
      [s('2025-05-01', '2025-05-22'), s('2025-05-22', '2025-06-10')],
      2,
    ],
    ['second starts the day after', [s('2025-05-01', '2025-05-22'), s('2025-05-23', '2025-06-10')], 0],
    ['first has no conference', [s('2025-05-01', null), s('2025-09-01', '2025-09-20')], 2],
    ['first has no conference, flag blank', [s('2025-05-01', null, ''), s('2025-09-01', '2025-09-20')], 2],
    [
      'first has no conference and is not required',
      [s('2025-05-01', null, 'true'), s('2025-09-01', '2025-09-20')],
      0,
    ],
    [
      'first open, second starts after the reference date',
      [s('2025-05-01', null), s('2026-04-01', null, 'true')],
      0,
    ],
    [
      'first open, second starts on the reference date',
      [s('2025-05-01', null), s('2026-03-31', null, 'true')],
      2,
    ],
    [
      'same start and conference: not compared',
      [s('2025-05-01', '2025-05-22'), s('2025-05-01', '2025-05-22')],
      0,
    ],
    ['one without a start date', [s(null, '2025-05-22'), s('2025-05-01', '2025-05-22')], 0],
  ])('%s', (_, enquiries, expected) => {
    expect(
      rule8890.check(cinChild({ cinDetails: [cinEpisode({ section47s: enquiries })] }), ctx),
    ).toHaveLength(expected)
  })

  it('compares enquiries within the same episode only', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ section47s: [s('2025-05-01', null)] }),
        cinEpisode({ section47s: [s('2025-06-01', null)] }),
      ],
    })
    expect(rule8890.check(child, ctx)).toHaveLength(0)
  })

  it('reports each overlapping enquiry once', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          section47s: [
            s('2025-05-01', '2025-08-01'),
            s('2025-09-01', '2025-09-05'),
            s('2025-06-01', '2025-06-10'),
          ],
        }),
      ],
    })
    expect(rule8890.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Section47', 0],
      ['Section47', 2],
    ])
  })
})

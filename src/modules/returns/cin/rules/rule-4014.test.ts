import { describe, expect, it } from 'vitest'
import type { CinChild } from '../model.js'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4014 } from './rule-4014.js'

function run(children: CinChild[]) {
  const check = rule4014.begin(cinContext())
  for (const c of children) check.see(c)
  return check.finish()
}

function plans(...dates: [string | null, string | null][]) {
  return cinChild({
    cinDetails: [
      cinEpisode({ cinPlans: dates.map(([s, e]) => cinPlan({ CINPlanStartDate: s, CINPlanEndDate: e })) }),
    ],
  })
}

describe('4014 overlapping CIN plans', () => {
  it.each([
    ['one plan', plans(['2025-06-01', null]), []],
    [
      'second starts the day after the first ends',
      plans(['2025-06-01', '2025-07-01'], ['2025-07-02', null]),
      [],
    ],
    [
      'second starts the day the first ends',
      plans(['2025-06-01', '2025-07-01'], ['2025-07-01', null]),
      [0, 1],
    ],
    [
      'second starts the day before the first ends',
      plans(['2025-06-01', '2025-07-01'], ['2025-06-30', null]),
      [0, 1],
    ],
    ['both start the same day', plans(['2025-06-01', '2025-06-20'], ['2025-06-01', '2025-07-01']), [0, 1]],
    ['second starts inside an open first', plans(['2025-06-01', null], ['2025-09-01', '2025-10-01']), [0, 1]],
    ['second after the reference date, first open', plans(['2025-06-01', null], ['2026-04-01', null]), []],
    ['a plan with no start is left out', plans(['2025-06-01', null], [null, null]), []],
    ['second ends before the first starts', plans(['2025-06-01', null], ['2025-04-01', '2025-05-01']), []],
  ])('%s', (_, child, rows) => {
    expect(
      run([child])
        .map((h) => h.row)
        .sort(),
    ).toEqual(rows)
  })

  it('compares plans across the child’s episodes', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ cinPlans: [cinPlan({ CINPlanStartDate: '2025-06-01', CINPlanEndDate: '2025-08-01' })] }),
        cinEpisode({
          CINreferralDate: '2025-07-01',
          cinPlans: [cinPlan({ CINPlanStartDate: '2025-07-15' })],
        }),
      ],
    })
    expect(run([child])).toHaveLength(2)
  })

  it('treats two records with the same identifier as one child', () => {
    const first = plans(['2025-06-01', '2025-07-01'])
    const copy = plans(['2025-06-01', '2025-07-01'])
    copy.row = 1
    copy.cinDetails[0]!.cinPlans[0]!.row = 1
    expect(run([first, copy]).map((h) => h.row)).toEqual([0, 1])
    const other = cinChild({
      LAchildID: 'CHILD0002',
      cinDetails: [cinEpisode({ cinPlans: [cinPlan({ CINPlanStartDate: '2025-06-01' })] })],
    })
    expect(run([first, other])).toHaveLength(0)
  })

  it('judges records with no identifier one by one', () => {
    const a = cinChild({ LAchildID: null, cinDetails: [cinEpisode()] })
    const b = cinChild({ LAchildID: null, cinDetails: [cinEpisode()] })
    expect(run([a, b])).toHaveLength(0)
  })
})

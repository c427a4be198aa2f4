import { describe, expect, it } from 'vitest'
import type { CinChild } from '../model.js'
import { cinChild, cinContext, cinEpisode, cpPlan, section47 } from '../test-child.js'
import { rule2883 } from './rule-2883.js'

function run(children: CinChild[]) {
  const check = rule2883.begin(cinContext())
  for (const c of children) check.see(c)
  return check.finish()
}

/** A child with plans starting on the given days and conferences on the S47 and episode. */
function child(plans: string[], s47Conferences: (string | null)[], episodeConference: string | null = null) {
  return cinChild({
    cinDetails: [
      cinEpisode({
        DateOfInitialCPC: episodeConference,
        section47s: s47Conferences.map((d) => section47({ DateOfInitialCPC: d })),
        childProtectionPlans: plans.map((d) => cpPlan({ CPPstartDate: d })),
      }),
    ],
  })
}

describe('2883 more plans starting than initial conferences', () => {
  it.each([
    ['one plan, one conference', [child(['2025-05-22'], ['2025-05-22'])], 0],
    ['one plan, no conference', [child(['2025-05-22'], [null])], 1],
    ['one plan, its conference on the episode', [child(['2025-05-22'], [], '2025-05-22')], 0],
    ['two plans, one conference', [child(['2025-05-22', '2025-09-01'], ['2025-05-22'])], 1],
    ['counted across children', [child(['2025-05-22'], []), child([], ['2025-06-01'])], 0],
    ['a plan starting before the year is not counted', [child(['2025-03-31'], [])], 0],
    ['a plan starting on 1 April is counted', [child(['2025-04-01'], [])], 1],
    ['a plan starting on 31 March at the year end is counted', [child(['2026-03-31'], [])], 1],
    ['a conference before the year does not count', [child(['2025-05-22'], ['2025-03-31'])], 1],
    ['a conference on 1 April counts', [child(['2025-05-22'], ['2025-04-01'])], 0],
    ['a conference after the year does not count', [child(['2025-05-22'], ['2026-04-01'])], 1],
    ['no children', [], 0],
  ])('%s', (_, children, expected) => {
    expect(run(children)).toHaveLength(expected)
  })

  it('is reported once, for the return', () => {
    const [h] = run([child(['2025-05-22'], []), child(['2025-05-22'], [])])
    expect(h).toMatchObject({ childId: null, row: -1, table: 'ChildProtectionPlans' })
  })
})

import { describe, expect, it } from 'vitest'
import type { CinChild } from '../model.js'
import { cinChild, cinContext, cinEpisode, cinPlan } from '../test-child.js'
import { rule4004 } from './rule-4004.js'

function run(children: CinChild[]) {
  const check = rule4004.begin(cinContext())
  for (const c of children) check.see(c)
  return check.finish()
}

const withPlans = (ends: (string | null)[], id: string | null = 'CHILD0001') =>
  cinChild({
    LAchildID: id,
    cinDetails: [cinEpisode({ cinPlans: ends.map((e) => cinPlan({ CINPlanEndDate: e })) })],
  })

describe('4004 more than one open CIN plan', () => {
  it.each([
    ['one open plan', [null], 0],
    ['one open, one ended', [null, '2025-07-01'], 0],
    ['two open', [null, null], 2],
    ['two open and one ended: all three reported', [null, '2025-07-01', null], 3],
    ['an unreadable end counts as open', [null, 'not yet'], 2],
    ['two ended', ['2025-07-01', '2025-08-01'], 0],
  ])('%s', (_, ends, expected) => {
    expect(run([withPlans(ends)])).toHaveLength(expected)
  })

  it('counts within an episode', () => {
    const child = cinChild({
      cinDetails: [cinEpisode(), cinEpisode({ CINreferralDate: '2025-09-01', cinPlans: [cinPlan()] })],
    })
    expect(run([child])).toHaveLength(0)
  })

  it('counts two records with the same identifier together, episode by episode', () => {
    const first = withPlans([null, '2025-07-01'])
    const second = withPlans([null])
    second.row = 1
    second.cinDetails[0]!.cinPlans[0]!.row = 2
    expect(run([first, second]).map((h) => [h.childId, h.row])).toEqual([
      ['CHILD0001', 0],
      ['CHILD0001', 1],
      ['CHILD0001', 2],
    ])
    expect(run([first, withPlans([null], 'CHILD0002')])).toHaveLength(0)
  })

  it('judges records with no identifier one by one', () => {
    expect(run([withPlans([null], null), withPlans([null], null)])).toHaveLength(0)
    expect(run([withPlans([null, null], null)])).toHaveLength(2)
  })
})

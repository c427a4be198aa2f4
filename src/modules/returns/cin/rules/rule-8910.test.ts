import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8910 } from './rule-8910.js'

const ctx = cinContext()
const withPlans = (...plans: ReturnType<typeof cpPlan>[]) =>
  cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: plans })] })

describe('8910 latest category of abuse', () => {
  it.each([
    ['NEG', 0],
    ['PHY', 0],
    ['SAB', 0],
    ['EMO', 0],
    ['MUL', 0],
    [' EMO ', 0],
    ['neg', 1],
    ['C1', 1],
    ['', 1],
    [null, 1],
  ])('%j gives %i finding(s)', (code, expected) => {
    const hits = rule8910.check(withPlans(cpPlan({ LatestCategoryOfAbuse: code })), ctx)
    expect(hits).toHaveLength(expected)
    if (expected)
      expect(hits[0]).toMatchObject({ table: 'ChildProtectionPlans', fields: ['LatestCategoryOfAbuse'] })
  })

  it('reads the latest category, not the initial one', () => {
    expect(rule8910.check(withPlans(cpPlan({ InitialCategoryOfAbuse: 'XXX' })), ctx)).toHaveLength(0)
    expect(
      rule8910.check(withPlans(cpPlan({ InitialCategoryOfAbuse: 'NEG', LatestCategoryOfAbuse: 'XXX' })), ctx),
    ).toHaveLength(1)
  })

  it('says whether the code is missing or not a category', () => {
    expect(rule8910.check(withPlans(cpPlan({ LatestCategoryOfAbuse: null })), ctx)[0]?.detail).toBe('missing')
    expect(rule8910.check(withPlans(cpPlan({ LatestCategoryOfAbuse: 'C1' })), ctx)[0]?.detail).toBe(
      '"C1" is not a category of abuse',
    )
  })

  it('reports each failing plan by its row, across episodes', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ childProtectionPlans: [cpPlan(), cpPlan({ LatestCategoryOfAbuse: 'XXX' })] }),
        cinEpisode({
          CINreferralDate: '2025-09-01',
          childProtectionPlans: [cpPlan({ LatestCategoryOfAbuse: null })],
        }),
      ],
    })
    expect(rule8910.check(child, ctx).map((h) => h.row)).toEqual([1, 2])
  })

  it('is an error, and has nothing to say about a child without plans', () => {
    expect(rule8910.type).toBe('error')
    expect(rule8910.code).toBe('8910')
    expect(rule8910.check(cinChild(), ctx)).toHaveLength(0)
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8905 } from './rule-8905.js'

const ctx = cinContext()
const withPlans = (...plans: ReturnType<typeof cpPlan>[]) =>
  cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: plans })] })

describe('8905 initial category of abuse', () => {
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
    const hits = rule8905.check(withPlans(cpPlan({ InitialCategoryOfAbuse: code })), ctx)
    expect(hits).toHaveLength(expected)
    if (expected)
      expect(hits[0]).toMatchObject({ table: 'ChildProtectionPlans', fields: ['InitialCategoryOfAbuse'] })
  })

  it('reads the initial category, not the latest one', () => {
    expect(rule8905.check(withPlans(cpPlan({ LatestCategoryOfAbuse: 'XXX' })), ctx)).toHaveLength(0)
    expect(
      rule8905.check(withPlans(cpPlan({ LatestCategoryOfAbuse: 'NEG', InitialCategoryOfAbuse: 'XXX' })), ctx),
    ).toHaveLength(1)
  })

  it('says whether the code is missing or not a category', () => {
    expect(rule8905.check(withPlans(cpPlan({ InitialCategoryOfAbuse: null })), ctx)[0]?.detail).toBe(
      'missing',
    )
    expect(rule8905.check(withPlans(cpPlan({ InitialCategoryOfAbuse: 'C1' })), ctx)[0]?.detail).toBe(
      '"C1" is not a category of abuse',
    )
  })

  it('reports each failing plan by its row, across episodes', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ childProtectionPlans: [cpPlan(), cpPlan({ InitialCategoryOfAbuse: 'XXX' })] }),
        cinEpisode({
          CINreferralDate: '2025-09-01',
          childProtectionPlans: [cpPlan({ InitialCategoryOfAbuse: null })],
        }),
      ],
    })
    expect(rule8905.check(child, ctx).map((h) => h.row)).toEqual([1, 2])
  })

  it('is an error, and has nothing to say about a child without plans', () => {
    expect(rule8905.type).toBe('error')
    expect(rule8905.code).toBe('8905')
    expect(rule8905.check(cinChild(), ctx)).toHaveLength(0)
  })
})

import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan } from '../test-child.js'
import { rule8905 } from './rule-8905.js'
import { rule8910 } from './rule-8910.js'

const ctx = cinContext()

describe.each([
  ['8905 initial category of abuse', rule8905, 'InitialCategoryOfAbuse'],
  ['8910 latest category of abuse', rule8910, 'LatestCategoryOfAbuse'],
] as const)('%s', (_, rule, field) => {
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
    const plan = cpPlan({ [field]: code })
    const hits = rule.check(cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: [plan] })] }), ctx)
    expect(hits).toHaveLength(expected)
    if (expected) expect(hits[0]).toMatchObject({ table: 'ChildProtectionPlans', fields: [field] })
  })

  it('reports each failing plan by its row, across episodes', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ childProtectionPlans: [cpPlan(), cpPlan({ [field]: 'XXX' })] }),
        cinEpisode({ CINreferralDate: '2025-09-01', childProtectionPlans: [cpPlan({ [field]: null })] }),
      ],
    })
    expect(rule.check(child, ctx).map((h) => h.row)).toEqual([1, 2])
  })

  it('has nothing to say about a child without plans', () => {
    expect(rule.check(cinChild(), ctx)).toHaveLength(0)
  })
})

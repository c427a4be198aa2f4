import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { rule1002 } from './rule-1002.js'

const ctx = testContext()
const leaver = [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }]

describe('1002 a care leaver has episodes this year or last', () => {
  it.each([
    ['no episodes either year', [], [], 1],
    ['episodes this year', [{ DECOM: '01/06/2025' }], [], 0],
    ['episodes last year', [], [{ DECOM: '01/06/2024' }], 0],
  ])('%s', (_, current, previous, expected) => {
    expect(
      rule1002.check(testChild({ Episodes: current, OC3: leaver }, { Episodes: previous }), ctx),
    ).toHaveLength(expected)
  })

  it.each([
    ['19 on 31 March', '01/04/2006', 1],
    ['20 on 31 March', '31/03/2006', 0],
    ['21 on 31 March', '01/06/2004', 0],
    ['no readable DOB', '', 1],
  ])('with no episodes either year, a care leaver %s: %i', (_, dob, expected) => {
    const child = testChild({ Header: [{ DOB: dob }], OC3: leaver }, { Episodes: [] })
    expect(rule1002.check(child, ctx)).toHaveLength(expected)
  })

  it('does not run without last year’s return or its episodes', () => {
    const child = testChild({ OC3: leaver })
    const all = new Set<Ssda903Table>(['Episodes', 'OC3'])
    expect(rule1002.check(child, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
    const noLastEpisodes = testContext('2025/26', { supplied: { current: all, previous: new Set(['OC3']) } })
    expect(rule1002.check(child, noLastEpisodes)).toHaveLength(0)
  })
})

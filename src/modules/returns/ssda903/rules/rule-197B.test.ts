import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule197B } from './rule-197B.js'

const ctx = testContext()
const continuous = [{ DECOM: '01/01/2020', RNE: 'S', LS: 'C2' }]

describe('197B an SDQ score or reason for a child turning 4 or 17 in the year', () => {
  it.each([
    ['4th birthday on 1 April', '01/04/2021', 1],
    ['4th birthday on 31 March', '31/03/2022', 1],
    ['4th birthday on 31 March before the year', '31/03/2021', 0],
    ['4th birthday on 1 April after the year', '01/04/2022', 0],
    ['17th birthday on 1 April', '01/04/2008', 1],
    ['17th birthday on 31 March', '31/03/2009', 1],
    ['aged 10', '01/09/2015', 0],
  ])('%s', (_, dob, expected) => {
    expect(rule197B.check(testChild({ Episodes: continuous, OC2: [{ DOB: dob }] }), ctx)).toHaveLength(
      expected,
    )
  })

  it.each([
    ['a score', { SDQ_SCORE: '10' }, continuous, 0],
    ['a reason', { SDQ_REASON: 'SDQ1' }, continuous, 0],
    ['came into care this year', {}, [{ DECOM: '01/06/2025', RNE: 'S', LS: 'C2' }], 0],
  ])('%s', (_, cells, episodes, expected) => {
    const child = testChild({ Episodes: episodes, OC2: [{ DOB: '01/10/2021', ...cells }] })
    expect(rule197B.check(child, ctx)).toHaveLength(expected)
  })
})

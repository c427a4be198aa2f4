import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule186 } from './rule-186.js'

const ctx = testContext()
const continuous = [{ DECOM: '01/01/2024', RNE: 'S', LS: 'C2' }]

describe('186 an SDQ score or reason for a child aged 4 to 16 looked after 12 months', () => {
  it.each([
    ['4th birthday on 1 April', '01/04/2021', 1],
    ['4th birthday on 2 April', '02/04/2021', 0],
    ['17th birthday on 1 April after the year', '01/04/2009', 1],
    ['17th birthday on 31 March', '31/03/2009', 0],
    ['a bad date of birth', '31/04/2015', 0],
  ])('%s', (_, dob, expected) => {
    expect(rule186.check(testChild({ Episodes: continuous, OC2: [{ DOB: dob }] }), ctx)).toHaveLength(
      expected,
    )
  })

  it.each([
    ['a score', { SDQ_SCORE: '10' }, continuous, 0],
    ['a reason', { SDQ_REASON: 'SDQ4' }, continuous, 0],
    ['came into care this year', {}, [{ DECOM: '01/06/2025', RNE: 'S', LS: 'C2' }], 0],
  ])('%s', (_, cells, episodes, expected) => {
    const child = testChild({ Episodes: episodes, OC2: [{ DOB: '01/09/2015', ...cells }] })
    expect(rule186.check(child, ctx)).toHaveLength(expected)
  })
})

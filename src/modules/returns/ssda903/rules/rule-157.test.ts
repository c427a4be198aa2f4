import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule157 } from './rule-157.js'

const ctx = testContext()
const continuous = [{ DECOM: '01/01/2024', RNE: 'S', LS: 'C2' }]
const newThisYear = [{ DECOM: '01/06/2025', RNE: 'S', LS: 'C2' }]

describe('157 SDQ1 is not the reason for a child aged 4 to 16', () => {
  it.each([
    ['4th birthday on 1 April', '01/04/2021', 1],
    ['4th birthday on 2 April', '02/04/2021', 0],
    ['17th birthday on 1 April after the year (16 on 31 March)', '01/04/2009', 1],
    ['17th birthday on 31 March', '31/03/2009', 0],
    ['aged 10', '01/09/2015', 1],
  ])('%s', (_, dob, expected) => {
    const child = testChild({ Episodes: continuous, OC2: [{ DOB: dob, SDQ_REASON: 'SDQ1' }] })
    expect(rule157.check(child, ctx)).toHaveLength(expected)
  })

  it.each([
    ['another reason', { SDQ_REASON: 'SDQ2' }, continuous, 0],
    ['not looked after 12 months', { SDQ_REASON: 'SDQ1' }, newThisYear, 0],
    ['with a score (197a reports it)', { SDQ_REASON: 'SDQ1', SDQ_SCORE: '10' }, continuous, 0],
  ])('%s', (_, cells, episodes, expected) => {
    const child = testChild({ Episodes: episodes, OC2: [{ DOB: '01/09/2015', ...cells }] })
    expect(rule157.check(child, ctx)).toHaveLength(expected)
  })

  it('does not run without an Episodes table', () => {
    const noEpisodes = testContext('2025/26', {
      supplied: { current: new Set(['OC2']), previous: new Set() },
    })
    const child = testChild({ OC2: [{ DOB: '01/09/2015', SDQ_REASON: 'SDQ1' }] })
    expect(rule157.check(child, noEpisodes)).toHaveLength(0)
  })
})

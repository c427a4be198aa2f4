import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleNoE } from './rule-NoE.js'

const ctx = testContext()

describe('NoE episodes last year for a child looked after before this year', () => {
  it.each([
    ['began the day before the year', '31/03/2025', 1],
    ['began on 1 April', '01/04/2025', 0],
    ['began the day after', '02/04/2025', 0],
    ['unreadable start', '31/13/2024', 0],
  ])('%s, nothing last year', (_, decom, expected) => {
    expect(ruleNoE.check(testChild({ Episodes: [{ DECOM: decom }] }), ctx)).toHaveLength(expected)
  })

  it('passes when last year holds an episode for the child', () => {
    const child = testChild({ Episodes: [{ DECOM: '01/03/2025' }] }, { Episodes: [{ DECOM: '01/03/2025' }] })
    expect(ruleNoE.check(child, ctx)).toHaveLength(0)
  })

  it('does nothing without last year', () => {
    const none = testContext('2025/26', { hasPrevious: false })
    expect(ruleNoE.check(testChild({ Episodes: [{ DECOM: '01/03/2025' }] }), none)).toHaveLength(0)
  })

  it('reports only the episodes that began before the year', () => {
    const child = testChild({
      Episodes: [{ DECOM: '01/03/2025', DEC: '01/05/2025' }, { DECOM: '01/05/2025' }],
    })
    expect(ruleNoE.check(child, ctx)).toEqual([expect.objectContaining({ row: 0, fields: ['DECOM'] })])
  })
})

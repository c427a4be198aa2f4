import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW10STG2 } from './rule-SW10STG2.js'

const ctx = testContext()

function run(start: string, reason = 'MANAGE', firstEnd = '15/08/2025') {
  const child = testChild({
    SWEpisodes: [
      { SW_ID: 'SW1', SW_DECOM: '01/05/2025', SW_DEC: firstEnd, SW_REASON: 'MANAGE' },
      { SW_ID: 'SW2', SW_DECOM: start, SW_REASON: reason },
    ],
  })
  return ruleSW10STG2.check(child, ctx)
}

describe('SW10STG2 social worker episodes do not overlap', () => {
  it.each([
    ['eight days before the last ended', '07/08/2025', 1],
    ['seven days before', '08/08/2025', 0],
    ['six days before', '09/08/2025', 0],
    ['the day it ended', '15/08/2025', 0],
    ['a month after (a gap, not an overlap)', '15/09/2025', 0],
  ])('starts %s', (_, start, expected) => {
    expect(run(start)).toHaveLength(expected)
  })

  it('names the later episode', () => {
    expect(run('01/06/2025')).toEqual([expect.objectContaining({ row: 1, fields: ['SW_DECOM'] })])
  })

  it('exempts a change at the end of a fixed-term contract', () => {
    expect(run('01/06/2025', 'FCONTA')).toHaveLength(0)
  })

  it('leaves an open episode before it to SW08STG2', () => {
    expect(run('01/06/2025', 'MANAGE', '')).toHaveLength(0)
  })
})

import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1012 } from './rule-1012.js'

const ctx = testContext()

describe('1012 no other data for a child without episodes this year', () => {
  it('reports each row of the other tables', () => {
    const child = testChild({
      OC3: [{ IN_TOUCH: 'YES' }],
      Missing: [{ MISSING: 'M' }],
      OC2: [{}],
      Reviews: [{ REVIEW: '01/06/2025' }, { REVIEW: '01/09/2025' }],
      Header: [{ SEX: 'F' }],
    })
    expect(rule1012.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Missing', 0],
      ['Reviews', 0],
      ['Reviews', 1],
      ['OC2', 0],
    ])
  })

  it('leaves a child with an episode alone', () => {
    const child = testChild({ Episodes: [{ DECOM: '01/06/2025' }], Missing: [{ MISSING: 'M' }] })
    expect(rule1012.check(child, ctx)).toHaveLength(0)
  })

  it('does not run when no Episodes table was supplied', () => {
    const noEpisodes = testContext('2025/26', {
      supplied: { current: new Set(['Missing']), previous: new Set() },
    })
    expect(rule1012.check(testChild({ Missing: [{ MISSING: 'M' }] }), noEpisodes)).toHaveLength(0)
  })
})

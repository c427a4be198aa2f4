import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8650 } from './rule-8650.js'

const ctx = cinContext()

describe('8650 primary need code invalid', () => {
  it.each([
    ['N0', 'N0', 0],
    ['N9', 'N9', 0],
    ['N10', 'N10', 1],
    ['lower case', 'n1', 1],
    ['a number alone', '1', 1],
    ['blank (8610 reports it when needed)', '', 0],
    ['left out', null, 0],
  ])('%s', (_, need, expected) => {
    const child = cinChild({ cinDetails: [cinEpisode({ PrimaryNeedCode: need })] })
    expect(rule8650.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each episode with a bad code', () => {
    const child = cinChild({
      cinDetails: [cinEpisode(), cinEpisode({ PrimaryNeedCode: 'N11' })],
    })
    expect(rule8650.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['CINdetails', 1]])
  })
})

import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8869 } from './rule-8869.js'

const ctx = cinContext()

describe('8869 factor 21 with other factors', () => {
  it.each([
    ['21 alone', ['21'], 0],
    ['21 with another factor', ['21', '2B'], 1],
    ['another factor then 21', ['3A', '21'], 1],
    ['21 with an invalid code', ['21', 'AAAA'], 1],
    ['21 twice (8898 reports it)', ['21', '21'], 0],
    ['21 and a blank factor', ['21', ''], 0],
    ['other factors, no 21', ['2B', '3A'], 0],
    ['no factors', null, 0],
  ])('%s', (_, factors, expected) => {
    const child = cinChild({ cinDetails: [cinEpisode({ assessments: [assessment({ factors })] })] })
    expect(rule8869.check(child, ctx)).toHaveLength(expected)
  })

  it('looks at each assessment on its own', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ assessments: [assessment({ factors: ['21'] }), assessment({ factors: ['2B'] })] }),
        cinEpisode({ assessments: [assessment({ factors: ['21', '14A'] })] }),
      ],
    })
    expect(rule8869.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['Assessments', 2]])
  })
})

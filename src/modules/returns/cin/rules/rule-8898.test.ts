import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8898 } from './rule-8898.js'

const ctx = cinContext()

function withFactors(...factors: string[]) {
  return cinChild({ cinDetails: [cinEpisode({ assessments: [assessment({ factors })] })] })
}

describe('8898 the same factor twice in an assessment', () => {
  it.each([
    [['2B'], 0],
    [['2B', '3A'], 0],
    [['2B', '2B'], 1],
    [['2B', '3A', '2B'], 1],
    [['2B', ' 2B '], 1],
    [['2B', '2b'], 0],
    [['2B', '', ''], 0],
    [[], 0],
  ])('%j gives %i finding(s)', (factors, expected) => {
    expect(rule8898.check(withFactors(...factors), ctx)).toHaveLength(expected)
  })

  it('reports the assessment once, naming each repeated code once', () => {
    const hits = rule8898.check(withFactors('2B', '3A', '2B', '3A', '2B'), ctx)
    expect(hits).toEqual([
      expect.objectContaining({ table: 'Assessments', row: 0, detail: 'repeated: 2B, 3A' }),
    ])
  })

  it('looks within one assessment only', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ assessments: [assessment({ factors: ['2B'] }), assessment({ factors: ['2B'] })] }),
      ],
    })
    expect(rule8898.check(child, ctx)).toHaveLength(0)
  })
})

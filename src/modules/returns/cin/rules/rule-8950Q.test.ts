import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8950Q } from './rule-8950Q.js'

const ctx = cinContext()

function withFactors(...factors: string[]) {
  return cinChild({ cinDetails: [cinEpisode({ assessments: [assessment({ factors })] })] })
}

describe('8950Q retired factor 19A', () => {
  it.each([
    [['19A'], 1],
    [['19a'], 1],
    [['2B', ' 19A '], 1],
    [['19B'], 0],
    [['19C'], 0],
    [['18A'], 0], // 8945Q's factor, not this rule's
    [['2B'], 0],
    [[], 0],
  ])('%j gives %i finding(s)', (factors, expected) => {
    expect(rule8950Q.check(withFactors(...factors), ctx)).toHaveLength(expected)
  })

  it('reports each assessment listing 19A once, by its row', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          assessments: [assessment({ factors: ['19A', '19a'] }), assessment({ factors: ['2B'] })],
        }),
        cinEpisode({ CINreferralDate: '2025-09-01', assessments: [assessment({ factors: ['19A'] })] }),
      ],
    })
    const hits = rule8950Q.check(child, ctx)
    expect(hits).toHaveLength(2)
    expect(hits[0]).toMatchObject({ table: 'Assessments', fields: ['AssessmentFactors'] })
  })

  it('is a query', () => {
    expect(rule8950Q.type).toBe('query')
    expect(rule8950Q.code).toBe('8950Q')
  })
})

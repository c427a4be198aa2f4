import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8945Q } from './rule-8945Q.js'

const ctx = cinContext()

function withFactors(...factors: string[]) {
  return cinChild({ cinDetails: [cinEpisode({ assessments: [assessment({ factors })] })] })
}

const [code, rule, n] = ['8945Q', rule8945Q, '18'] as const

describe('8945Q retired factor 18A', () => {
  it.each([
    [[`${n}A`], 1],
    [[`${n}a`], 1],
    [['2B', ` ${n}A `], 1],
    [[`${n}B`], 0],
    [[`${n}C`], 0],
    [['2B'], 0],
    [[], 0],
  ])('%j gives %i finding(s)', (factors, expected) => {
    expect(rule.check(withFactors(...factors), ctx)).toHaveLength(expected)
  })

  it('is a query, reported once per assessment', () => {
    expect(rule.type).toBe('query')
    expect(rule.code).toBe(code)
    expect(rule.check(withFactors(`${n}A`, `${n}A`), ctx)).toHaveLength(1)
  })
})

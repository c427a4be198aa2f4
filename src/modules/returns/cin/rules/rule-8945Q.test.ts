import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8945Q } from './rule-8945Q.js'
import { rule8950Q } from './rule-8950Q.js'

const ctx = cinContext()

function withFactors(...factors: string[]) {
  return cinChild({ cinDetails: [cinEpisode({ assessments: [assessment({ factors })] })] })
}

describe.each([
  ['8945Q', rule8945Q, '18'],
  ['8950Q', rule8950Q, '19'],
] as const)('%s retired factor', (code, rule, n) => {
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

import { describe, expect, it } from 'vitest'
import { ssda903RuleSets } from '../rule-sets.js'
import { DOLO_RULE_CODES, ssda903Rules } from './index.js'

function codeKey(code: string): [number, number, string] {
  const m = /^(\d+)(.*)$/.exec(code)
  return m ? [0, Number(m[1]), m[2] ?? ''] : [1, 0, code]
}

function compare(a: string, b: string): number {
  const [ka, kb] = [codeKey(a), codeKey(b)]
  for (let i = 0; i < 3; i++) {
    const x = ka[i] as number | string
    const y = kb[i] as number | string
    if (x < y) return -1
    if (x > y) return 1
  }
  return 0
}

describe('the SSDA903 rule list', () => {
  const codes = ssda903Rules.map((r) => r.code)

  it('lists each rule once, in code order', () => {
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes).toEqual([...codes].sort(compare))
  })

  it('names the eleven DoLO rules of 2026/27, all present', () => {
    expect(DOLO_RULE_CODES).toHaveLength(11)
    for (const code of DOLO_RULE_CODES) expect(codes).toContain(code)
  })

  it('has every rule of the DfE’s 2026/27 set: 322, of which 2025/26 runs all but the 11 DoLO rules', () => {
    expect(codes).toHaveLength(322)
    const y2026 = ssda903RuleSets.forYear('2026/27').rules.map((r) => r.code)
    const y2025 = ssda903RuleSets.forYear('2025/26').rules.map((r) => r.code)
    expect(y2026).toEqual(codes)
    expect(y2025).toHaveLength(311)
    expect(y2025).toEqual(codes.filter((c) => !DOLO_RULE_CODES.includes(c)))
  })

  it('includes the four rules added last: 105, 205C, 303 and 1008, in both years', () => {
    for (const year of ['2025/26', '2026/27']) {
      const set = ssda903RuleSets.forYear(year).rules.map((r) => r.code)
      expect(set).toEqual(expect.arrayContaining(['105', '205C', '303', '1008']))
    }
  })
})

import { describe, expect, it } from 'vitest'
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
})

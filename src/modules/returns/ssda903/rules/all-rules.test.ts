import { describe, expect, it } from 'vitest'
import { SSDA903_COLUMNS, SSDA903_TABLES, type Ssda903Table } from '../model.js'
import { testChild, testContext, type TestTables } from '../test-child.js'
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

// A small deterministic generator, so a failure can be replayed.
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const MESSY = [
  '',
  ' ',
  'x',
  '0',
  '1',
  '-1',
  'NaN',
  'null',
  '__proto__',
  'constructor',
  '31/02/2025',
  '29/02/2024',
  '01/04/2025',
  '31/03/2026',
  '1/1/1900',
  '01/01/3000',
  'ZZ/ZZ/ZZZZ',
  'ZZ/13/2020',
  '2025-06-01',
  'E11',
  'X1',
  'S',
  'F',
  'V3',
  'K2',
  'P1',
  'SW1',
  'FCONTA',
  'é',
  '\u0000',
  'a'.repeat(500),
]

function messyTables(next: () => number): TestTables {
  const out: Record<string, Record<string, string>[]> = {}
  for (const table of SSDA903_TABLES) {
    const rows = Math.floor(next() * 4)
    out[table] = Array.from({ length: rows }, () => {
      const cells: Record<string, string> = {}
      for (const column of SSDA903_COLUMNS[table] as readonly string[]) {
        if (column === 'CHILD') continue
        cells[column] = MESSY[Math.floor(next() * MESSY.length)] as string
      }
      return cells
    })
  }
  return out as TestTables
}

describe('no rule throws on messy input', () => {
  const some = new Set<Ssda903Table>(['Header', 'Episodes'])
  const plain = testContext('2025/26')
  const contexts = [
    plain,
    testContext('2026/27'),
    testContext('2026/27', { hasPrevious: false }),
    testContext('2026/27', { supplied: { current: some, previous: new Set() } }),
  ]

  it('checks 300 messy children with every rule in every context', () => {
    const next = random(903)
    const thrown: string[] = []
    const fired = new Set<string>()
    for (let i = 0; i < 300; i++) {
      const child = testChild(messyTables(next), messyTables(next))
      for (const ctx of contexts) {
        for (const rule of ssda903Rules) {
          try {
            if (rule.scope === 'return') {
              const check = rule.begin(ctx)
              check.see(child)
              check.finish()
            } else if (rule.check(child, ctx).length > 0) fired.add(rule.code)
          } catch (err) {
            thrown.push(`${rule.code} on child ${i}: ${String(err)}`)
          }
        }
      }
    }
    expect(thrown).toEqual([])
    // The input is messy enough to make most rules report something.
    expect(fired.size).toBeGreaterThan(ssda903Rules.length / 2)
  })

  it('checks a child with nothing at all', () => {
    for (const rule of ssda903Rules) {
      if (rule.scope !== 'return') expect(rule.check(testChild(), plain)).toEqual([])
    }
  })
})

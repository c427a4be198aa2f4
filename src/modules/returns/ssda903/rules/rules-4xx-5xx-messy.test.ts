/**
 * Rules 400–599 on messy input: blank cells, dates that are not dates, codes in the wrong case
 * or not codes at all, tables empty or crowded, in both years. No rule may throw.
 */
import { describe, expect, it } from 'vitest'
import type { Ssda903Child } from '../index.js'
import { SSDA903_COLUMNS, type Ssda903Table } from '../model.js'
import type { PlacementFacts, Ssda903Context } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext, type TestTables } from '../test-child.js'
import { ssda903Rules } from './index.js'

const CELLS = [
  '',
  ' ',
  '01/04/2025',
  '31/03/2026',
  '29/02/2024',
  '29/02/2025',
  '2025-05-01',
  '1/5/2025',
  '00/00/0000',
  'E1',
  'e1',
  'V3',
  'A5',
  'P',
  'S',
  'X1',
  'E11',
  'E17',
  'PR0',
  'PN0',
  'UN1',
  'M',
  'L0',
  'MF',
  '2',
  '1',
  '0',
  '999.9',
  'N/A',
  '😀',
  'Z'.repeat(300),
]

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
}

function messyTables(next: () => number): TestTables {
  const tables: Record<string, Record<string, string>[]> = {}
  for (const table of Object.keys(SSDA903_COLUMNS) as Ssda903Table[]) {
    const rows = Math.floor(next() * 4)
    tables[table] = Array.from({ length: rows }, () => {
      const cells: Record<string, string> = {}
      for (const column of SSDA903_COLUMNS[table]) {
        if (column !== 'CHILD') cells[column] = CELLS[Math.floor(next() * CELLS.length)]!
      }
      return cells
    })
  }
  return tables as TestTables
}

const FACTS: PlacementFacts[] = [
  UNKNOWN_PLACEMENT,
  { distance: 12.3, la: 'E06000034', location: 'IN', unknownPostcodes: [] },
  { distance: 400, la: 'E10000012', location: 'IN', unknownPostcodes: [] },
  { ...UNKNOWN_PLACEMENT, unknownPostcodes: ['ZZ9 9ZZ'] },
]

const contexts: Ssda903Context[] = [
  testContext(),
  testContext('2025/26', { hasPrevious: false, supplied: { current: new Set(), previous: new Set() } }),
  testContext('2024/25', {
    laCode: null,
    placement: (e) => FACTS[(e.row + e.text.PL_POST.length) % FACTS.length]!,
  }),
]

const rules = ssda903Rules.filter((r) => /^[45]\d\d/.test(r.code))

describe('rules 400–599 on messy input', () => {
  it('covers every 4xx and 5xx rule in the index', () => {
    expect(rules.length).toBeGreaterThanOrEqual(88)
  })

  it('no rule throws', () => {
    const next = random(903)
    const children: Ssda903Child[] = [testChild(), testChild({ Header: [{}] }, { Episodes: [{}] })]
    for (let i = 0; i < 300; i++) children.push(testChild(messyTables(next), messyTables(next), `C${i}`))
    const failures: string[] = []
    const reported = new Set<string>()
    const attempt = (code: string, child: string, run: () => unknown): void => {
      try {
        const hits = run()
        if (Array.isArray(hits) && hits.length > 0) reported.add(code)
      } catch (e) {
        failures.push(`${code} on ${child}: ${String(e)}`)
      }
    }
    for (const ctx of contexts) {
      for (const rule of rules) {
        if (rule.scope === 'return') {
          const check = rule.begin(ctx)
          for (const child of children) attempt(rule.code, child.id, () => check.see(child))
          attempt(rule.code, 'finish', () => check.finish())
        } else {
          for (const child of children) attempt(rule.code, child.id, () => rule.check(child, ctx))
        }
      }
    }
    expect(failures).toEqual([])
    // The messy data reaches the rules' logic: many of them find something in it.
    expect(reported.size).toBeGreaterThan(20)
  })
})

/**
 * Every per-child SSDA903 rule, on children whose cells are anything a file might hold (blank,
 * spaces, invalid or extreme dates, codes from other fields, stray text), this year and last:
 * no rule throws, and every hit names a row this year's tables really have.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SSDA903_COLUMNS, SSDA903_TABLES, type Ssda903Table } from '../model.js'
import type { PlacementFacts, ProviderFacts } from '../rule.js'
import { testChild, testContext, type TestTables } from '../test-child.js'
import { ssda903Rules } from './index.js'

const CELLS = [
  '',
  ' ',
  'x',
  '31/02/2025',
  '00/00/0000',
  '01/01/0000',
  '31/12/9999',
  '29/02/2024',
  '2025-06-01',
  '01/04/2025',
  '31/03/2026',
  '15/10/2025',
  '01/01/2008',
  '10/10/2015',
  '1/6/2025',
  'S',
  'P',
  'B',
  'T',
  'X1',
  'E11',
  'E5',
  'E7',
  'V3',
  'V4',
  'V2',
  'L1',
  'J2',
  'C2',
  'T1',
  'T3',
  'A3',
  'A5',
  'U4',
  'K2',
  'K3',
  'P1',
  'Z12',
  'UN1',
  'UN4',
  'F',
  'M',
  'U',
  '0',
  '1',
  'DIED',
  'YES',
  'RHOM',
  'T1',
  'CUSTOD',
  'CARPL',
  'PN1',
  'AB1 2CD',
  'XXXXXXX',
  'é',
]

const cell = fc.constantFrom(...CELLS)

function rowsOf(table: Ssda903Table) {
  const columns = SSDA903_COLUMNS[table].filter((c) => c !== 'CHILD')
  return fc.array(fc.record(Object.fromEntries(columns.map((c) => [c, cell]))), { maxLength: 4 })
}

const tables: fc.Arbitrary<TestTables> = fc.record(
  Object.fromEntries(SSDA903_TABLES.map((t) => [t, rowsOf(t)])) as Record<Ssda903Table, fc.Arbitrary<never>>,
)

const facts: fc.Arbitrary<PlacementFacts> = fc.record({
  distance: fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: null }),
  la: fc.option(fc.constantFrom('E06000034', 'W06000015', 'SCO', ''), { nil: null }),
  location: fc.option(fc.constantFrom('IN' as const, 'OUT' as const), { nil: null }),
  unknownPostcodes: fc.array(fc.constantFrom('AB1 2CD', 'ZZ9 9ZZ'), { maxLength: 2 }),
})

const provider: fc.Arbitrary<ProviderFacts | null> = fc.option(
  fc.record({
    placeCodes: fc.array(cell, { maxLength: 3 }),
    providerCodes: fc.array(cell, { maxLength: 3 }),
    postcode: fc.option(cell, { nil: null }),
    registrationEnd: fc.option(fc.constantFrom('2025-09-01', '2026-03-31', '0000-01-01'), { nil: null }),
    la: fc.option(fc.constantFrom('E06000034', 'E08000025', ''), { nil: null }),
  }),
  { nil: null },
)

describe('SSDA903 rules on messy input', () => {
  for (const rule of ssda903Rules) {
    if ('scope' in rule && rule.scope === 'return') continue
    it(`${rule.code} never throws and reports only rows that exist`, () => {
      fc.assert(
        fc.property(
          tables,
          tables,
          facts,
          provider,
          fc.boolean(),
          (current, previous, placement, known, hasPrevious) => {
            const child = testChild(current, previous)
            const ctx = testContext('2025/26', {
              hasPrevious,
              placement: () => placement,
              provider: () => known,
            })
            for (const h of rule.check(child, ctx)) {
              const rows = child.current[h.table as Ssda903Table] as readonly { row: number }[]
              expect(rows.some((r) => r.row === h.row)).toBe(true)
            }
          },
        ),
        { numRuns: 100 },
      )
    })
  }
})

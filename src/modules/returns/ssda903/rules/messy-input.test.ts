/**
 * Every SSDA903 rule, given messy input (blanks, spaces, dates that are not dates, codes from
 * the wrong list, numbers out of range) in every table of both years, and any return-level facts
 * (last year given or not, tables missing, placement facts known or not), returns hits without
 * throwing, and each hit names a row of this year's table it reports.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SSDA903_COLUMNS, SSDA903_DATE_COLUMNS, SSDA903_TABLES, type Ssda903Table } from '../model.js'
import type { PlacementFacts } from '../rule.js'
import { testChild, testContext, type TestTables } from '../test-child.js'
import { tablesRead, tablesWithRows } from '../validate.js'
import { ssda903Rules } from './index.js'

// Dates near the year's edges and the birthdays rules test, and dates that are not dates.
const DATES = [
  '01/04/2025',
  '31/03/2026',
  '31/03/2025',
  '01/04/2026',
  '01/10/2025',
  '29/02/2008',
  '01/06/2009',
  '01/10/2007',
  '01/01/2020',
  '01/01/2024',
  '31/02/2025',
  '2025-04-01',
  '00/00/0000',
  '31/12/9999',
  '',
  ' ',
  'x',
]
// Codes from every list, in the wrong column as often as the right one, and numbers out of range.
const CODES = [
  '',
  ' ',
  'x',
  '0',
  '1',
  '2',
  '-1',
  '41',
  '12.0',
  'M',
  'F',
  'U',
  'S',
  'P',
  'V3',
  'C2',
  'E1',
  'E2',
  'E3',
  'E11',
  'X1',
  'U4',
  'K2',
  'T3',
  'Z11',
  'PR1',
  'SDQ1',
  'YES',
  'Z1',
  'UN1',
  'A123456789012',
  '31/03/2026',
]

const row = (t: Ssda903Table) => {
  const dates = new Set<string>(SSDA903_DATE_COLUMNS[t])
  const columns = (SSDA903_COLUMNS[t] as readonly string[]).filter((c) => c !== 'CHILD')
  return fc.record(
    Object.fromEntries(columns.map((c) => [c, fc.constantFrom(...(dates.has(c) ? DATES : CODES))])),
  )
}
// A Header row may carry the XML form's UASC flag, or none (read from CSV).
const header = fc
  .tuple(row('Header'), fc.option(fc.constantFrom(...CODES), { nil: undefined }))
  .map(([cells, flag]) => (flag === undefined ? cells : { ...cells, UASC: flag }))
const table = (t: Ssda903Table) => fc.array(t === 'Header' ? header : row(t), { maxLength: 3 })
const year = fc.record(
  Object.fromEntries(SSDA903_TABLES.map((t) => [t, table(t)])),
) as fc.Arbitrary<TestTables>
const facts: fc.Arbitrary<PlacementFacts> = fc.record({
  distance: fc.option(fc.constantFrom(-1, 0, 12.5, 999.9, 1000), { nil: null }),
  la: fc.option(fc.constantFrom('E06000034', 'E09000001'), { nil: null }),
  location: fc.option(fc.constantFrom('IN' as const, 'OUT' as const), { nil: null }),
  unknownPostcodes: fc.constantFrom([], ['ZZ1 1ZZ']),
})
// Mostly every table, as a full return has; sometimes some missing.
const tables = fc.oneof(
  { arbitrary: fc.constant(SSDA903_TABLES), weight: 3 },
  { arbitrary: fc.subarray(SSDA903_TABLES), weight: 1 },
)

describe('every SSDA903 rule on messy input', () => {
  it('returns hits on rows that exist (this year’s, or last year’s when named `_last`) and never throws', () => {
    fc.assert(
      fc.property(
        year,
        year,
        fc.boolean(),
        tables,
        tables,
        facts,
        fc.boolean(),
        (current, previous, hasPrevious, now, last, placed, knowLa) => {
          const child = testChild(current, previous)
          const ctx = testContext('2025/26', {
            hasPrevious,
            supplied: { current: new Set(now), previous: new Set(last) },
            laCode: knowLa ? 'E06000034' : null,
            placement: () => placed,
          })
          for (const rule of ssda903Rules) {
            if (rule.scope === 'return') continue
            const hits = rule.check(child, ctx)
            for (const h of hits) {
              // Last year's rows are named with the validators' suffix (`DoLo_last`).
              const last = h.table.endsWith('_last')
              const table = h.table.replace(/_last$/, '') as Ssda903Table
              const rows = last ? child.previous[table] : child.current[table]
              expect(h.row, `${rule.code} ${h.table}`).toBeLessThan(rows.length)
              expect(h.fields.length, rule.code).toBeGreaterThan(0)
            }
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('reports nothing about a child with no rows in the tables a rule names, so the runner need not call it', () => {
    // Each rule in turn, on a messy child with the tables it names emptied in both years: the
    // runner skips such a child (`tablesRead`, `tablesWithRows`).
    const without = (given: TestTables, names: ReadonlySet<string>): TestTables =>
      Object.fromEntries(Object.entries(given).filter(([t]) => !names.has(t)))
    fc.assert(
      fc.property(year, year, facts, (current, previous, placed) => {
        const ctx = testContext('2025/26', { placement: () => placed })
        for (const rule of ssda903Rules) {
          if (rule.scope === 'return' || tablesRead(rule) === 0) continue
          const names = new Set<string>(rule.affects.map((a) => a.table.replace(/_last$/, '')))
          const child = testChild(without(current, names), without(previous, names))
          expect(tablesRead(rule) & tablesWithRows(child), rule.code).toBe(0)
          expect(rule.check(child, ctx), rule.code).toEqual([])
        }
      }),
      { numRuns: 200 },
    )
  })
})

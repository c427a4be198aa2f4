/**
 * Test factories for SSDA903 rules. Cells are given as the file's text, exactly as in the CSV
 * (dates as DD/MM/YYYY), so a test can also give a bad date or code.
 *
 *   const child = testChild({
 *     Header: [{ SEX: '1', DOB: '01/05/2012' }],
 *     Episodes: [{ DECOM: '01/06/2025', RNE: 'S', LS: 'C2', PLACE: 'U1' }],
 *   })
 *   rule146.check(child, testContext())
 *
 * A Header row given `UASC` is as read from XML with that flag (`uascFlag`); without it, as from
 * CSV. Every row gets CHILD 'C1' unless given; rows are numbered in each table from 0. `previous`
 * holds last year's rows. `testContext()` is the 2025/26 context with every table supplied and
 * postcodes unknown; pass `info` overrides (e.g. a `placement` function) where a rule needs them.
 */
import { englandAndWales } from '../../../platform/calendar/working-days.js'
import { parseCollectionYear } from '../collection-year.js'
import { ruleContext } from '../engine.js'
import { emptyChildTables, uascFlagged, type ChildTables, type Ssda903Child } from './index.js'
import { SSDA903_TABLES, makeRow, type ColumnOf, type Ssda903Row, type Ssda903Table } from './model.js'
import type { PlacementFacts, ProviderFacts, Ssda903Context, Ssda903ReturnInfo } from './rule.js'

/** A row's cells as text; a Header row may also give `UASC`, the XML HEADER's flag (`uascFlag`). */
export type TestCells<T extends Ssda903Table> = Partial<Record<ColumnOf<T>, string>> &
  (T extends 'Header' ? { UASC?: string } : unknown)
export type TestTables = { [T in Ssda903Table]?: TestCells<T>[] }

function tables(given: TestTables, id: string): ChildTables {
  const out = emptyChildTables() as Record<Ssda903Table, Ssda903Row<Ssda903Table>[]>
  for (const table of SSDA903_TABLES) {
    const rows = (given[table] ?? []) as TestCells<Ssda903Table>[]
    out[table] = rows.map((cells, i) => {
      const row = makeRow(table, { CHILD: id, ...cells } as TestCells<Ssda903Table>, {
        file: `${table}.csv`,
        row: i,
        line: i + 2,
      })
      const flag = (cells as { UASC?: string }).UASC
      if (table === 'Header' && flag !== undefined) (row as Ssda903Row<'Header'>).uascFlag = flag
      return row
    })
  }
  return out as unknown as ChildTables
}

export function testChild(current: TestTables = {}, previous: TestTables = {}, id = 'C1'): Ssda903Child {
  const cur = tables(current, id)
  const prev = tables(previous, id)
  const uasc = cur.UASC.length > 0
  const previousUasc = prev.UASC.length > 0
  return {
    id,
    current: cur,
    previous: prev,
    uasc,
    previousUasc,
    uascFlag: uascFlagged(cur, uasc),
    previousUascFlag: uascFlagged(prev, previousUasc),
  }
}

export const UNKNOWN_PLACEMENT: PlacementFacts = {
  distance: null,
  la: null,
  location: null,
  unknownPostcodes: [],
}

export function testContext(year = '2025/26', info: Partial<Ssda903ReturnInfo> = {}): Ssda903Context {
  const all = new Set<Ssda903Table>(SSDA903_TABLES)
  return ruleContext(parseCollectionYear(year), englandAndWales, {
    supplied: { current: all, previous: all },
    hasPrevious: true,
    laCode: 'E06000034',
    placement: () => UNKNOWN_PLACEMENT,
    provider: () => null,
    ...info,
  })
}

/** A provider reference holding the given URNs (for the rules that look providers up). */
export function testProviders(
  providers: Record<string, Partial<ProviderFacts>>,
): (urn: string | null) => ProviderFacts | null {
  return (urn) => {
    const given = urn === null ? undefined : providers[urn]
    if (!given || urn === null) return null
    return {
      urn,
      placeCodes: [],
      providerCodes: [],
      postcode: null,
      la: null,
      registered: null,
      closed: null,
      ...given,
    }
  }
}

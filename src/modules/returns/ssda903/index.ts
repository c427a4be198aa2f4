/**
 * The SSDA903 return grouped by child: everything about one child, this year and last, in one
 * place, so a rule is a single pass over one child's rows instead of a join across tables.
 *
 * Rows keep their file order within each table. A row with a blank CHILD belongs to no child:
 * such rows are kept apart in `unidentified` (grouping them under '' would make one imaginary
 * child of them all).
 */
import {
  SSDA903_TABLES,
  childOf,
  rowsOf,
  type AnySsda903Row,
  type Ssda903Return,
  type Ssda903Row,
  type Ssda903Table,
  type Ssda903Tables,
} from './model.js'

/** One year's rows for one child, every table present (empty when the child has none). */
export type ChildTables = { readonly [T in Ssda903Table]: Ssda903Row<T>[] }

export interface Ssda903Child {
  /** The CHILD identifier, trimmed and upper-cased as the DfE validators compare it. */
  id: string
  current: ChildTables
  /** Last year's rows for this child; every table empty when no previous year was supplied. */
  previous: ChildTables
  /** True when the child has at least one UASC row this year (the DfE validators add this flag to Header). */
  uasc: boolean
  /** The same for last year's UASC table (rules about children formerly UASC). */
  previousUasc: boolean
  /**
   * The child is flagged UASC in this year's Header (rules 205C, 303): from XML, a HEADER whose
   * UASC is 1; from CSV, which has no such column, a UASC row, as the DfE validators derive it.
   * A child read from XML with a DUC but UASC 0 or empty has a UASC row and no flag.
   */
  uascFlag: boolean
  /** The same for last year's Header. */
  previousUascFlag: boolean
}

export interface Ssda903Index {
  /** Children in order of first appearance: this year's Header first, then the other tables. */
  children: Map<string, Ssda903Child>
  /** Rows with a blank CHILD, by year. */
  unidentified: { current: AnySsda903Row[]; previous: AnySsda903Row[] }
  /** Which tables were supplied each year (a rule whose table is absent does not run). */
  supplied: { current: ReadonlySet<Ssda903Table>; previous: ReadonlySet<Ssda903Table> }
}

export function emptyChildTables(): ChildTables {
  const t: Record<string, unknown[]> = {}
  for (const table of SSDA903_TABLES) t[table] = []
  return t as unknown as ChildTables
}

// Header first, so children are listed in the order of the Header file.
const ORDER: readonly Ssda903Table[] = ['Header', ...SSDA903_TABLES.filter((t) => t !== 'Header')]

/**
 * The tables a child has no rows in, all one frozen empty list: most children have rows in a few
 * of the twelve tables, and an England-sized return's children would otherwise hold three
 * million empty lists (a quarter of a gigabyte).
 */
const NONE: never[] = Object.freeze([]) as unknown as never[]

// Written out rather than built in a loop, so V8 keeps the twelve lists inside the object.
function noRows(): ChildTables {
  return {
    Header: NONE,
    Episodes: NONE,
    Reviews: NONE,
    UASC: NONE,
    OC2: NONE,
    OC3: NONE,
    AD1: NONE,
    PlacedAdoption: NONE,
    PrevPerm: NONE,
    Missing: NONE,
    SWEpisodes: NONE,
    DoLo: NONE,
  }
}

export function indexByChild(ret: Ssda903Return): Ssda903Index {
  const children = new Map<string, Ssda903Child>()
  const unidentified = { current: [] as AnySsda903Row[], previous: [] as AnySsda903Row[] }
  // Each child's number (its place in `children`), and the child by number.
  const numbers = new Map<string, number>()
  const list: Ssda903Child[] = []

  const numberOf = (id: string): number => {
    let n = numbers.get(id)
    if (n === undefined) {
      n = list.length
      numbers.set(id, n)
      const child: Ssda903Child = {
        id,
        current: noRows(),
        previous: noRows(),
        uasc: false,
        previousUasc: false,
        uascFlag: false,
        previousUascFlag: false,
      }
      list.push(child)
      children.set(id, child)
    }
    return n
  }

  // A table at a time: each row's child first, then each child's list made at its length. Lists
  // grown a row at a time are given room for sixteen more at the first push, which for an
  // England-sized return is a hundred megabytes of room never used.
  const place = (tables: Ssda903Tables, year: 'current' | 'previous'): void => {
    for (const table of ORDER) {
      const rows = rowsOf(tables, table)
      if (rows === undefined || rows.length === 0) continue
      const owner = new Int32Array(rows.length)
      for (let i = 0; i < rows.length; i++) {
        const id = childOf(rows[i] as AnySsda903Row)
        if (id === '') {
          owner[i] = -1
          unidentified[year].push(rows[i] as AnySsda903Row)
        } else owner[i] = numberOf(id)
      }
      const counts = new Int32Array(list.length)
      for (let i = 0; i < rows.length; i++) {
        const n = owner[i] as number
        if (n >= 0) counts[n] = (counts[n] as number) + 1
      }
      const filled = new Int32Array(list.length)
      for (let i = 0; i < rows.length; i++) {
        const n = owner[i] as number
        if (n < 0) continue
        const into = (list[n] as Ssda903Child)[year] as Record<Ssda903Table, AnySsda903Row[]>
        const at = filled[n] as number
        if (at === 0) into[table] = new Array<AnySsda903Row>(counts[n] as number)
        ;(into[table] as AnySsda903Row[])[at] = rows[i] as AnySsda903Row
        filled[n] = at + 1
      }
      if (table === 'UASC')
        for (let n = 0; n < list.length; n++) {
          if (counts[n] === 0) continue
          if (year === 'current') (list[n] as Ssda903Child).uasc = true
          else (list[n] as Ssda903Child).previousUasc = true
        }
    }
  }

  place(ret.current, 'current')
  if (ret.previous) place(ret.previous, 'previous')
  for (const child of list) {
    child.uascFlag = uascFlagged(child.current, child.uasc)
    child.previousUascFlag = uascFlagged(child.previous, child.previousUasc)
  }

  return {
    children,
    unidentified,
    supplied: { current: suppliedTables(ret.current), previous: suppliedTables(ret.previous ?? {}) },
  }
}

/** Flagged UASC in a year's Header: the XML flag when a Header row has one, else a UASC row. */
export function uascFlagged(tables: ChildTables, hasUascRow: boolean): boolean {
  let fromXml = false
  for (const header of tables.Header) {
    if (header.uascFlag === undefined) continue
    if (header.uascFlag.trim() === '1') return true
    fromXml = true
  }
  return fromXml ? false : hasUascRow
}

export function suppliedTables(tables: Ssda903Tables): Set<Ssda903Table> {
  return new Set(SSDA903_TABLES.filter((t) => tables[t] !== undefined))
}

/**
 * The DfE's internal checks (INTnn) come in three families that differ only in the table they
 * look at: a child's rows in a table with no Header row for the child, a DOB that disagrees with
 * the Header's, and a child listed more than once in a table meant to hold one row a child.
 * Each INT rule file names its table and message and builds its rule here.
 *
 * A family rule runs only when the tables it compares were supplied this year.
 */
import { NO_HITS, hit, type Located, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

/** Tables carrying the child's DOB beside the Header (every one but Header and Episodes). */
export type TableWithDob = Exclude<Ssda903Table, 'Header' | 'Episodes'>

type DatedRow = Located & { readonly DOB: string | null }

/** A child with rows in `table` but no Header row this year. */
export function childNotInHeaderRule(
  code: string,
  table: Exclude<Ssda903Table, 'Header'>,
  message: string,
): Ssda903Rule {
  return {
    code,
    type: 'error',
    message,
    affects: [
      { table: 'Header', fields: ['CHILD'] },
      { table, fields: ['CHILD'] },
    ],
    check(child, ctx) {
      const supplied = ctx.header.supplied.current
      if (!supplied.has('Header') || !supplied.has(table)) return NO_HITS
      if (child.current.Header.length > 0) return NO_HITS
      const rows = child.current[table] as readonly Located[]
      if (rows.length === 0) return NO_HITS
      return rows.map((row) => hit(table, row, ['CHILD']))
    },
  }
}

/**
 * A row of `table` whose DOB is a real date and differs from a real DOB on one of the child's
 * Header rows. A blank or unreadable DOB is left to the rules about valid dates.
 */
export function dobDiffersFromHeaderRule(code: string, table: TableWithDob, message: string): Ssda903Rule {
  return {
    code,
    type: 'error',
    message,
    affects: [
      { table: 'Header', fields: ['DOB'] },
      { table, fields: ['DOB'] },
    ],
    check(child, ctx) {
      const supplied = ctx.header.supplied.current
      if (!supplied.has('Header') || !supplied.has(table)) return NO_HITS
      const headerDobs: string[] = []
      for (const header of child.current.Header) if (header.DOB !== null) headerDobs.push(header.DOB)
      if (headerDobs.length === 0) return NO_HITS
      let hits: RuleHit<Ssda903Table>[] | undefined
      const rows = child.current[table] as readonly DatedRow[]
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as DatedRow
        const dob = row.DOB
        if (dob === null) continue
        if (headerDobs.some((h) => h !== dob)) (hits ??= []).push(hit(table, row, ['DOB']))
      }
      return hits ?? NO_HITS
    },
  }
}

/** Every row of a child who has more than one row in `table`. */
export function onlyOnceRule(code: string, table: Ssda903Table, message: string): Ssda903Rule {
  return {
    code,
    type: 'error',
    message,
    affects: [{ table, fields: ['CHILD'] }],
    check(child, ctx) {
      if (!ctx.header.supplied.current.has(table)) return NO_HITS
      const rows = child.current[table] as readonly Located[]
      if (rows.length < 2) return NO_HITS
      return rows.map((row) => hit(table, row, ['CHILD']))
    },
  }
}

/**
 * 1012: a child with no episodes this year (a care leaver in OC3, or anyone else) has no rows in
 * PlacedAdoption, Missing, Reviews, AD1, PrevPerm or OC2: each such row is reported. Runs only
 * when this year's Episodes table was supplied.
 *
 * The message speaks of OC3 children; the DfE's condition, as the community validator applies
 * it, covers every child without episodes, and so does Haven.
 */
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, suppliedThisYear } from './shared-row-checks.js'

const TABLES = [
  'PlacedAdoption',
  'Missing',
  'Reviews',
  'AD1',
  'PrevPerm',
  'OC2',
] as const satisfies Ssda903Table[]

export const rule1012: Ssda903Rule = {
  code: '1012',
  type: 'error',
  message: 'No other data should be returned for OC3 children who had no episodes in the current year',
  affects: [
    { table: 'Episodes', fields: ['CHILD'] },
    ...TABLES.map((table) => ({ table, fields: ['CHILD'] })),
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes') || child.current.Episodes.length > 0) return hits.done()
    for (const table of TABLES) for (const row of child.current[table]) hits.add(table, row, ['CHILD'])
    return hits.done()
  },
}

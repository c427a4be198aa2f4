import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

/** Previous permanence codes: P1 to P4 for an order, Z1 for none or not known. */
const PREV_PERM_CODES = new Set(['P1', 'P2', 'P3', 'P4', 'Z1'])

/** PREV_PERM, when given, is one of the DfE's codes (blank is rule 630's concern). */
export const rule631: Ssda903Rule = {
  code: '631',
  type: 'error',
  message: 'Previous permanence option not a valid value.',
  affects: [{ table: 'PrevPerm', fields: ['PREV_PERM'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('PrevPerm')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const row of child.current.PrevPerm) {
      if (row.PREV_PERM !== null && !PREV_PERM_CODES.has(row.PREV_PERM))
        (hits ??= []).push(hit('PrevPerm', row, ['PREV_PERM']))
    }
    return hits ?? NO_HITS
  },
}

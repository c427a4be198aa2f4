/**
 * 635: a date or authority for a previous permanence order (DATE_PERM, LA_PERM) makes sense
 * only with an order: PREV_PERM cannot be Z1 (none or not known) or blank.
 *
 * The DfE's message names Z1; the community validator checks only for a blank PREV_PERM. Haven
 * reports both, as either leaves the date or authority without an order to belong to.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule635: Ssda903Rule = {
  code: '635',
  type: 'error',
  message:
    'There are entries for date of order and local authority code where previous permanence option was arranged but previous permanence code is Z1',
  affects: [{ table: 'PrevPerm', fields: ['LA_PERM', 'DATE_PERM', 'PREV_PERM'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('PrevPerm')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const row of child.current.PrevPerm) {
      if (row.PREV_PERM !== null && row.PREV_PERM !== 'Z1') continue
      const given = (['LA_PERM', 'DATE_PERM'] as const).filter((f) => !isBlank(row, f))
      if (given.length > 0) (hits ??= []).push(hit('PrevPerm', row, [...given, 'PREV_PERM']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 392b: an episode of a child looked after other than on short breaks (legal status not V3 or
 * V4) has both a home and a placement postcode. Children with a UASC row this year or last are
 * not checked.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_SHORT_BREAK_LS } from '../codes.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule392b: Ssda903Rule = {
  code: '392b',
  type: 'error',
  message:
    'Child is looked after but no postcodes are recorded. [NOTE: This check may result in false positives for children formerly UASC, particularly if current & prior year UASC data not loaded]',
  affects: [{ table: 'Episodes', fields: ['HOME_POST', 'PL_POST'] }],
  check(child) {
    if (child.uasc || child.previousUasc) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.LS !== null && SSDA903_SHORT_BREAK_LS.has(e.LS)) continue
      const missing = (['HOME_POST', 'PL_POST'] as const).filter((f) => isBlank(e, f))
      if (missing.length > 0) (hits ??= []).push(hit('Episodes', e, missing))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 523: the decision that the child should be placed for adoption (PlacedAdoption DATE_PLACED)
 * is the same day as the best-interests decision recorded on adoption (AD1 DATE_INT).
 *
 * Reading: a child may have several decisions, earlier ones reversed; the adoption follows the
 * latest, so only the latest DATE_PLACED is compared. The community validator compares every
 * decision and so reports an earlier, reversed one as well.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, latestDecision, type Hits } from './support-4xx-5xx.js'

export const rule523: Ssda903Rule = {
  code: '523',
  type: 'error',
  message:
    'Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).',
  affects: [
    { table: 'PlacedAdoption', fields: ['DATE_PLACED'] },
    { table: 'AD1', fields: ['DATE_INT'] },
  ],
  check(child) {
    const latest = latestDecision(child.current.PlacedAdoption)
    if (latest === null) return NO_HITS
    let hits: Hits | undefined
    for (const a of child.current.AD1) {
      if (a.DATE_INT === null || a.DATE_INT === latest.DATE_PLACED) continue
      if (!hits) hits = add(hits, 'PlacedAdoption', latest, ['DATE_PLACED'])
      hits = add(hits, 'AD1', a, ['DATE_INT'])
    }
    return hits ?? NO_HITS
  },
}

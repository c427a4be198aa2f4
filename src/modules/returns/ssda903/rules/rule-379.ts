/**
 * 379: A temporary placement for any other reason (T4) lasts at most 7 days: DEC no more than 7 days after
 * DECOM. An episode not yet ended, or with a date that is not valid, is not checked.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { daysBetween } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule379: Ssda903Rule = {
  code: '379',
  type: 'error',
  message: 'Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.',
  affects: [{ table: 'Episodes', fields: ['DECOM', 'DEC', 'PLACE'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE !== 'T4' || e.DECOM === null || e.DEC === null) continue
      const days = daysBetween(e.DECOM, e.DEC)
      if (days > 7) (hits ??= []).push(hit('Episodes', e, ['DECOM', 'DEC', 'PLACE'], `${days} days`))
    }
    return hits ?? NO_HITS
  },
}

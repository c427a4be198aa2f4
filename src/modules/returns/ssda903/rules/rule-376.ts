/**
 * 376: A temporary placement while the usual foster carers are on holiday (T3) lasts at most 21 days: DEC no more than 21 days after
 * DECOM. An episode not yet ended, or with a date that is not valid, is not checked.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { daysBetween } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule376: Ssda903Rule = {
  code: '376',
  type: 'error',
  message:
    'Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.',
  affects: [{ table: 'Episodes', fields: ['DECOM', 'DEC', 'PLACE'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE !== 'T3' || e.DECOM === null || e.DEC === null) continue
      const days = daysBetween(e.DECOM, e.DEC)
      if (days > 21) (hits ??= []).push(hit('Episodes', e, ['DECOM', 'DEC', 'PLACE'], `${days} days`))
    }
    return hits ?? NO_HITS
  },
}

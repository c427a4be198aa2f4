/**
 * 233: no reason for placement change on an episode that has not ended (DEC blank). The
 * validator reads a `DATE_EPISODE_CEASED` column that no file has; Haven reads DEC. An invalid
 * DEC is not a blank one, and is left to the date rules.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule233: Ssda903Rule = {
  code: '233',
  type: 'error',
  message: 'Reason for placement change is not required when the episode has not ceased.',
  affects: [{ table: 'Episodes', fields: ['REASON_PLACE_CHANGE', 'DEC'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (isBlank(e, 'DEC') && e.REASON_PLACE_CHANGE !== null)
        (hits ??= []).push(hit('Episodes', e, ['REASON_PLACE_CHANGE']))
    }
    return hits ?? NO_HITS
  },
}

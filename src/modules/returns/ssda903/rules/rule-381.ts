/**
 * 381: a temporary placement (T0–T4) does not end a period of care: an episode in one that has
 * a reason for ending gives X1 (a new episode the same day).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_TEMPORARY_PLACEMENTS } from '../codes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule381: Ssda903Rule = {
  code: '381',
  type: 'error',
  message: 'A period of care cannot end with a temporary placement.',
  affects: [{ table: 'Episodes', fields: ['PLACE', 'REC'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE !== null && SSDA903_TEMPORARY_PLACEMENTS.has(e.PLACE) && e.REC !== null && e.REC !== 'X1')
        (hits ??= []).push(hit('Episodes', e, ['PLACE', 'REC']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 398: no postcodes (from which the distance is worked out) for a short break (legal status V3
 * or V4).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_SHORT_BREAK_LS } from '../codes.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule398: Ssda903Rule = {
  code: '398',
  type: 'error',
  message: 'Distance field completed but child looked after under legal status V3 or V4.',
  affects: [{ table: 'Episodes', fields: ['LS', 'HOME_POST', 'PL_POST'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.LS === null || !SSDA903_SHORT_BREAK_LS.has(e.LS)) continue
      const given = (['HOME_POST', 'PL_POST'] as const).filter((f) => !isBlank(e, f))
      if (given.length > 0) (hits ??= []).push(hit('Episodes', e, ['LS', ...given]))
    }
    return hits ?? NO_HITS
  },
}

/** 214: no placement postcode or URN for a short break (legal status V3 or V4). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_SHORT_BREAK_LS } from '../codes.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule214: Ssda903Rule = {
  code: '214',
  type: 'error',
  message: 'Placement location information not required.',
  affects: [{ table: 'Episodes', fields: ['PL_POST', 'URN'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.LS === null || !SSDA903_SHORT_BREAK_LS.has(e.LS)) continue
      const fields = (['PL_POST', 'URN'] as const).filter((f) => !isBlank(e, f))
      if (fields.length > 0) (hits ??= []).push(hit('Episodes', e, fields))
    }
    return hits ?? NO_HITS
  },
}

/** 384: a child on a short break (legal status V3, V4) is not in a long-term foster placement (U1, U4). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_SHORT_BREAK_LS } from '../codes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule384: Ssda903Rule = {
  code: '384',
  type: 'error',
  message: 'A child receiving respite care cannot be in a long-term foster placement',
  affects: [{ table: 'Episodes', fields: ['PLACE', 'LS'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.LS !== null && SSDA903_SHORT_BREAK_LS.has(e.LS) && (e.PLACE === 'U1' || e.PLACE === 'U4'))
        (hits ??= []).push(hit('Episodes', e, ['PLACE', 'LS']))
    }
    return hits ?? NO_HITS
  },
}

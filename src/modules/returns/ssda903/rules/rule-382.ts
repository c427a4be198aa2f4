/** 382: a child on a short break (legal status V3, V4) is not in a temporary placement (T0–T4). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_SHORT_BREAK_LS, SSDA903_TEMPORARY_PLACEMENTS } from '../codes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule382: Ssda903Rule = {
  code: '382',
  type: 'error',
  message: 'A child receiving respite care cannot be in a temporary placement.',
  affects: [{ table: 'Episodes', fields: ['LS', 'PLACE'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.LS === null || e.PLACE === null) continue
      if (SSDA903_SHORT_BREAK_LS.has(e.LS) && SSDA903_TEMPORARY_PLACEMENTS.has(e.PLACE))
        (hits ??= []).push(hit('Episodes', e, ['LS', 'PLACE']))
    }
    return hits ?? NO_HITS
  },
}

/** 213: no placement provider for a temporary placement (T0–T4) or an "other placement" (Z11–Z14). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const NO_PROVIDER = new Set(['T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14'])

export const rule213: Ssda903Rule = {
  code: '213',
  type: 'error',
  message: 'Placement provider information not required.',
  affects: [{ table: 'Episodes', fields: ['PLACE_PROVIDER'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE !== null && NO_PROVIDER.has(e.PLACE) && !isBlank(e, 'PLACE_PROVIDER'))
        (hits ??= []).push(hit('Episodes', e, ['PLACE_PROVIDER']))
    }
    return hits ?? NO_HITS
  },
}

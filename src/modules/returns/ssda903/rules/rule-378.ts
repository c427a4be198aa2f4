/** 378: a child placed with parents (P1) is not accommodated under a single period of section 20 (V2). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule378: Ssda903Rule = {
  code: '378',
  type: 'error',
  message:
    'A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.',
  affects: [{ table: 'Episodes', fields: ['PLACE', 'LS'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE === 'P1' && e.LS === 'V2') (hits ??= []).push(hit('Episodes', e, ['PLACE', 'LS']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 392d: the home and placement postcodes differ unless the child is placed with parents (P1).
 * Postcodes are compared without spaces or case (the community validator compares the text, so
 * `AB1 2CD` and `AB12CD` differ there); blank ones are left to 392b.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { squeezePostcode } from '../episodes.js'

export const rule392d: Ssda903Rule = {
  code: '392d',
  type: 'error',
  message: 'Home and placement postcodes should not be same unless the placement type is P1.',
  affects: [{ table: 'Episodes', fields: ['HOME_POST', 'PL_POST', 'PLACE'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE === 'P1' || isBlank(e, 'HOME_POST') || isBlank(e, 'PL_POST')) continue
      if (squeezePostcode(e.text.HOME_POST) === squeezePostcode(e.text.PL_POST))
        (hits ??= []).push(hit('Episodes', e, ['HOME_POST', 'PL_POST', 'PLACE']))
    }
    return hits ?? NO_HITS
  },
}

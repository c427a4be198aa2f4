/**
 * 355: an episode does not end on the day it started. Compared as dates, both valid: the
 * community validator compares the text, so it also reports an open episode with a blank DECOM
 * (blank equals blank), which Haven leaves to the rules about a missing DECOM.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule355: Ssda903Rule = {
  code: '355',
  type: 'error',
  message: 'Episode appears to have lasted for less than 24 hours',
  affects: [{ table: 'Episodes', fields: ['DECOM', 'DEC'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.DECOM !== null && e.DECOM === e.DEC) (hits ??= []).push(hit('Episodes', e, ['DECOM', 'DEC']))
    }
    return hits ?? NO_HITS
  },
}

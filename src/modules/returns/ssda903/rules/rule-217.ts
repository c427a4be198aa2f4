/**
 * 217: a placement for adoption with the current foster carers (A3, A5) starting on or after
 * 1 April 2015 begins with a new legal status or a new period of care: RNE S, T or U.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const WITH_FOSTER_CARERS = new Set(['A3', 'A5'])
const ALLOWED_RNE = new Set(['S', 'T', 'U'])

export const rule217: Ssda903Rule = {
  code: '217',
  type: 'error',
  message:
    'Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.',
  affects: [{ table: 'Episodes', fields: ['PLACE', 'DECOM', 'RNE'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE === null || !WITH_FOSTER_CARERS.has(e.PLACE)) continue
      if (e.DECOM === null || e.DECOM < '2015-04-01') continue
      if (e.RNE === null || !ALLOWED_RNE.has(e.RNE))
        (hits ??= []).push(hit('Episodes', e, ['PLACE', 'DECOM', 'RNE']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 354: no episode starts after the end of the collection year. (The DfE's message speaks of the
 * date ceased; the check, as the field list says, is on DECOM. 385 checks DEC.)
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule354: Ssda903Rule = {
  code: '354',
  type: 'error',
  message: 'Date episode ceased must be on or before the end of the current collection year.',
  affects: [{ table: 'Episodes', fields: ['DECOM'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.DECOM !== null && e.DECOM > ctx.collectionEnd) (hits ??= []).push(hit('Episodes', e, ['DECOM']))
    }
    return hits ?? NO_HITS
  },
}

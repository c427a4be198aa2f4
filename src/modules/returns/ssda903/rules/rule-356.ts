/** 356: an episode does not end before it started. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule356: Ssda903Rule = {
  code: '356',
  type: 'error',
  message: 'The date the episode ceased is before the date the same episode started.',
  affects: [{ table: 'Episodes', fields: ['DECOM', 'DEC'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.DECOM !== null && e.DEC !== null && e.DEC < e.DECOM)
        (hits ??= []).push(hit('Episodes', e, ['DECOM', 'DEC']))
    }
    return hits ?? NO_HITS
  },
}

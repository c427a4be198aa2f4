/** 352: a child does not start to be looked after (RNE S) on or after their 18th birthday. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { dobOf, isUnder } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule352: Ssda903Rule = {
  code: '352',
  type: 'error',
  message: 'Child who started to be looked after was aged 18 or over.',
  affects: [
    { table: 'Header', fields: ['DOB'] },
    { table: 'Episodes', fields: ['DECOM', 'RNE'] },
  ],
  check(child) {
    const dob = dobOf(child)
    if (dob === null) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.RNE === 'S' && e.DECOM !== null && !isUnder(dob, 18, e.DECOM))
        (hits ??= []).push(hit('Episodes', e, ['DECOM', 'RNE']))
    }
    return hits ?? NO_HITS
  },
}

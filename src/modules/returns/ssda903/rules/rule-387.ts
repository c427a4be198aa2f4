/**
 * 387: an episode does not end with the child moving into independent living (REC E5, E6) before the 14th birthday.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { dobOf, isUnder } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const REASONS: ReadonlySet<string> = new Set(['E5', 'E6'])

export const rule387: Ssda903Rule = {
  code: '387',
  type: 'error',
  message:
    'Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14.',
  affects: [
    { table: 'Header', fields: ['DOB'] },
    { table: 'Episodes', fields: ['REC', 'DEC'] },
  ],
  check(child) {
    const dob = dobOf(child)
    if (dob === null) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.REC !== null && REASONS.has(e.REC) && e.DEC !== null && isUnder(dob, 14, e.DEC))
        (hits ??= []).push(hit('Episodes', e, ['REC', 'DEC']))
    }
    return hits ?? NO_HITS
  },
}

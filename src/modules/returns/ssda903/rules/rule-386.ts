/**
 * 386: an episode does not end with the child adopted (REC E11, E12) on or after the 18th birthday.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { dobOf, isUnder } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const REASONS: ReadonlySet<string> = new Set(['E11', 'E12'])

export const rule386: Ssda903Rule = {
  code: '386',
  type: 'error',
  message: 'Reason episode ceased is adopted but child has reached age 18.',
  affects: [
    { table: 'Header', fields: ['DOB'] },
    { table: 'Episodes', fields: ['REC', 'DEC'] },
  ],
  check(child) {
    const dob = dobOf(child)
    if (dob === null) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.REC !== null && REASONS.has(e.REC) && e.DEC !== null && !isUnder(dob, 18, e.DEC))
        (hits ??= []).push(hit('Episodes', e, ['REC', 'DEC']))
    }
    return hits ?? NO_HITS
  },
}

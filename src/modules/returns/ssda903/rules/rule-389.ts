/**
 * 389: an episode does not end with the child transferring to adult social care (REC E7) before the 16th birthday.
 *
 * Only episodes with a valid DEC and a valid DOB are checked; the community validator also
 * reports an E7 episode whose DEC or DOB it cannot read.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { dobOf, isUnder } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const REASONS: ReadonlySet<string> = new Set(['E7'])

export const rule389: Ssda903Rule = {
  code: '389',
  type: 'error',
  message:
    'Reason episode ceased is that child transferred to care of adult social care services, but child is aged under 16.',
  affects: [
    { table: 'Header', fields: ['DOB'] },
    { table: 'Episodes', fields: ['REC', 'DEC'] },
  ],
  check(child) {
    const dob = dobOf(child)
    if (dob === null) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.REC !== null && REASONS.has(e.REC) && e.DEC !== null && isUnder(dob, 16, e.DEC))
        (hits ??= []).push(hit('Episodes', e, ['REC', 'DEC']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 372: a child placed in a young offender institution (R5) is at least 10 when the episode starts.
 * The community validator checks only episodes that have ended (it needs a DEC); Haven checks
 * open ones too, since the age at the start does not depend on the end.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { dobOf, isUnder } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule372: Ssda903Rule = {
  code: '372',
  type: 'error',
  message: 'Child in youth custody or prison should be at least 10.',
  affects: [
    { table: 'Episodes', fields: ['DECOM', 'PLACE'] },
    { table: 'Header', fields: ['DOB'] },
  ],
  check(child) {
    const dob = dobOf(child)
    if (dob === null) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE === 'R5' && e.DECOM !== null && isUnder(dob, 10, e.DECOM))
        (hits ??= []).push(hit('Episodes', e, ['DECOM', 'PLACE']))
    }
    return hits ?? NO_HITS
  },
}

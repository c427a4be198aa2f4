/**
 * 358: a child is not remanded, detained under PACE or sentenced (LS J1, J2, J3) under 10, the
 * age of criminal responsibility. Haven reports an episode starting before the 10th birthday;
 * the community validator also reports one starting on it, when the child is 10.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { dobOf, isUnder } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const YOUTH_JUSTICE = new Set(['J1', 'J2', 'J3'])

export const rule358: Ssda903Rule = {
  code: '358',
  type: 'error',
  message: 'Child with this legal status should not be under 10.',
  affects: [
    { table: 'Episodes', fields: ['DECOM', 'LS'] },
    { table: 'Header', fields: ['DOB'] },
  ],
  check(child) {
    const dob = dobOf(child)
    if (dob === null) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.LS !== null && YOUTH_JUSTICE.has(e.LS) && e.DECOM !== null && isUnder(dob, 10, e.DECOM))
        (hits ??= []).push(hit('Episodes', e, ['DECOM', 'LS']))
    }
    const header = child.current.Header[0]
    if (hits && header) hits.push(hit('Header', header, ['DOB']))
    return hits ?? NO_HITS
  },
}

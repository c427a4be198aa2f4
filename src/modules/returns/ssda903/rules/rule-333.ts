/**
 * 333: when the child has been matched with adopters (a valid DATE_MATCH), the date of the
 * decision that they should be placed for adoption is given and is not after the match. A
 * blank or invalid DATE_INT counts as not given.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule333: Ssda903Rule = {
  code: '333',
  type: 'error',
  message:
    'Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).',
  affects: [{ table: 'AD1', fields: ['DATE_INT'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const ad1 of child.current.AD1) {
      if (ad1.DATE_MATCH === null) continue
      if (ad1.DATE_INT === null || ad1.DATE_INT > ad1.DATE_MATCH)
        (hits ??= []).push(hit('AD1', ad1, ['DATE_INT', 'DATE_MATCH']))
    }
    return hits ?? NO_HITS
  },
}

import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

/** A child recorded as a mother (MOTHER 1) has her first child's date of birth, MC_DOB. */
export const rule611: Ssda903Rule = {
  code: '611',
  type: 'error',
  message: 'Date of birth field is blank, but child is a mother.',
  affects: [{ table: 'Header', fields: ['MOTHER', 'MC_DOB'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('Header')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.MOTHER === '1' && isBlank(header, 'MC_DOB'))
        (hits ??= []).push(hit('Header', header, ['MOTHER', 'MC_DOB']))
    }
    return hits ?? NO_HITS
  },
}

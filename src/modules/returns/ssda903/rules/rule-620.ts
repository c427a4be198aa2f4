/**
 * 620: a mother (MOTHER 1) is at least 11 years old on the first day of the collection year.
 * A child whose 11th birthday is 1 April passes.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { shiftDate } from '../../cin/rules/shared-dates.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule620: Ssda903Rule = {
  code: '620',
  type: 'error',
  message:
    'Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.',
  affects: [{ table: 'Header', fields: ['DOB', 'MOTHER'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('Header')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.MOTHER !== '1' || header.DOB === null) continue
      if (shiftDate(header.DOB, 11) > ctx.collectionStart)
        (hits ??= []).push(hit('Header', header, ['DOB', 'MOTHER']))
    }
    return hits ?? NO_HITS
  },
}

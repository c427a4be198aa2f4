/**
 * 231: a UASC child (one with a UASC row this year) is expected to be 11 or older at the end of
 * the year: reported when the DOB is after the date 11 years before 31 March. The validator
 * reads a `UASC_STATUS` column that no file has; Haven uses the UASC table, as for every other
 * UASC rule.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { addYears } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule231: Ssda903Rule = {
  code: '231',
  type: 'error',
  message:
    'We expect that unaccompanied asylum seeking children are generally older young people. Please check the date of birth is correct. If the date of birth is correct then please provide details in a bypass request.',
  affects: [{ table: 'Header', fields: ['DOB', 'UASC_STATUS'] }],
  check(child, ctx) {
    if (!child.uasc) return NO_HITS
    const latest = addYears(ctx.collectionEnd, -11)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.DOB !== null && header.DOB > latest) (hits ??= []).push(hit('Header', header, ['DOB']))
    }
    return hits ?? NO_HITS
  },
}

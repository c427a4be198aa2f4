/**
 * 621: a mother is born before her first child: MC_DOB is after the child's own DOB.
 *
 * Both dates must be real dates. The community validator also reports a child whose own DOB is
 * unreadable when MC_DOB is given; Haven leaves that to rule 102, which says what is wrong.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule621: Ssda903Rule = {
  code: '621',
  type: 'error',
  message:
    'Mother’s field has been completed but date of birth shows that the mother is younger than her child.',
  affects: [{ table: 'Header', fields: ['DOB', 'MC_DOB'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('Header')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.DOB !== null && header.MC_DOB !== null && header.MC_DOB <= header.DOB)
        (hits ??= []).push(hit('Header', header, ['DOB', 'MC_DOB']))
    }
    return hits ?? NO_HITS
  },
}

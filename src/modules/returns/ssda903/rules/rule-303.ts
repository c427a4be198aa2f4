/**
 * 303: a child with a date UASC status ceased (DUC) is flagged UASC (1) in the Header.
 *
 * Ambiguous: "not null" is read as "not blank", so a DUC that is not a real date still counts as
 * given (rule 104 says it is not valid; the flag is wrong all the same). The flag is the
 * Header's UASC (`child.uascFlag`): from XML, the HEADER's element; from CSV, which has no such
 * column, the UASC row itself, so a CSV return can never break this rule (as with the community
 * validator). Both the UASC row holding the DUC and the child's Header rows are reported.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule303: Ssda903Rule = {
  code: '303',
  type: 'error',
  message:
    'If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC status must be coded 1.',
  affects: [
    { table: 'UASC', fields: ['DUC'] },
    { table: 'Header', fields: ['UASC'] },
  ],
  check(child) {
    if (child.uascFlag) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const row of child.current.UASC) {
      if (!isBlank(row, 'DUC')) (hits ??= []).push(hit('UASC', row, ['DUC']))
    }
    if (hits) for (const header of child.current.Header) hits.push(hit('Header', header, ['UASC']))
    return hits ?? NO_HITS
  },
}

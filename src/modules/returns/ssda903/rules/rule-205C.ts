/**
 * 205C: a child flagged UASC in neither this year's Header nor last year's has no date UASC
 * status ceased (DUC) in either year's UASC table.
 *
 * Ambiguous, and how Haven reads it:
 * - "Identified as UASC" is the Header's flag (`uascFlag`, `previousUascFlag`): from XML, the
 *   HEADER's UASC 1; from CSV, a UASC row. A CSV year therefore always counts as identified when
 *   it holds a DUC, so the rule finds something only where an XML HEADER says 0 (or blank) beside
 *   a DUC, as with the community validator.
 * - "Provided" is read as "not blank": a DUC that is not a real date was still given (rule 104
 *   says it is not valid).
 * - Only children in last year's Header are checked, as in 205D: a child new this year was not
 *   in last year's return to be identified there, and a DUC beside a flag of 0 this year is rule
 *   303's to report. The community validator also reports such children, twice over with 303.
 * - The findings are on this year's rows: each UASC row holding a DUC, and the Header's flag.
 *   When only last year's return holds a DUC, the Header's finding says so (there is nothing in
 *   this year's UASC table to correct).
 * Runs only when last year's Header and UASC were supplied.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule205C: Ssda903Rule = {
  code: '205C',
  type: 'error',
  message:
    'Child not identified as UASC either this year or last year but date UASC ceased has been provided.',
  affects: [
    { table: 'UASC', fields: ['DUC'] },
    { table: 'Header', fields: ['UASC'] },
    { table: 'UASC_last', fields: ['DUC'] },
    { table: 'Header_last', fields: ['UASC'] },
  ],
  check(child, ctx) {
    const { hasPrevious, supplied } = ctx.header
    if (!hasPrevious || !supplied.previous.has('UASC') || !supplied.previous.has('Header')) return NO_HITS
    if (child.uascFlag || child.previousUascFlag || child.previous.Header.length === 0) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const row of child.current.UASC) {
      if (!isBlank(row, 'DUC')) (hits ??= []).push(hit('UASC', row, ['DUC']))
    }
    const last = child.previous.UASC.find((row) => !isBlank(row, 'DUC'))
    if (!hits && !last) return NO_HITS
    const detail = hits ? undefined : `last year's return gives DUC ${last?.text.DUC.trim() ?? ''}`
    for (const header of child.current.Header) (hits ??= []).push(hit('Header', header, ['UASC'], detail))
    return hits ?? NO_HITS
  },
}

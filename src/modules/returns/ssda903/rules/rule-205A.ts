/**
 * 205A: a child who was UASC last year but is not this year should have had their UASC status
 * cease during last year's collection year.
 *
 * In Haven's model a child is UASC in a year when it has a UASC row that year (as the DfE's CSV
 * form implies: there is no separate flag). So the rule looks at children in this year's Header
 * with a UASC row last year and none this year, and reports them when last year's DUC is not a
 * date within last year's collection year. The community validator looks only at children with a
 * UASC row this year, so in the CSV form it never reports anything; Haven reads the rule as its
 * message says. Runs only when the UASC table was supplied for both years.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { addYears } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule205A: Ssda903Rule = {
  code: '205A',
  type: 'error',
  message:
    'Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both years does not support this.',
  affects: [
    { table: 'UASC', fields: ['CHILD', 'UASC'] },
    { table: 'Header', fields: ['CHILD', 'UASC'] },
  ],
  check(child, ctx) {
    const { hasPrevious, supplied } = ctx.header
    if (!hasPrevious || !supplied.current.has('UASC') || !supplied.previous.has('UASC')) return NO_HITS
    if (child.uasc || !child.previousUasc) return NO_HITS
    const lastStart = addYears(ctx.collectionStart, -1)
    const lastEnd = addYears(ctx.collectionEnd, -1)
    const ceasedLastYear = child.previous.UASC.some(
      (row) => row.DUC !== null && row.DUC >= lastStart && row.DUC <= lastEnd,
    )
    if (ceasedLastYear) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) (hits ??= []).push(hit('Header', header, ['CHILD', 'UASC']))
    return hits ?? NO_HITS
  },
}

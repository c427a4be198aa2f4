/**
 * 205B: a child UASC both last year and this year. Last year's DUC should be the child's 18th
 * birthday (by last year's DOB), and this year's DUC should either fall in this collection year
 * or repeat last year's.
 *
 * Ambiguous: read literally the DfE's wording could also mean "this year's DUC in the year, or
 * else both DUCs the 18th birthday". Haven follows the community validator's reading (last year's
 * DUC must be the 18th birthday in every case), which is the stricter. A blank or invalid DUC does
 * not match anything. Runs only when the UASC table was supplied for both years.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { addYears } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import { inCollectionYear, type Ssda903Rule } from '../rule.js'

export const rule205B: Ssda903Rule = {
  code: '205B',
  type: 'error',
  message:
    'Child previously identified as UASC is also UASC this year, but date UASC ceased in both years does not support this.',
  affects: [
    { table: 'UASC', fields: ['DUC', 'UASC'] },
    { table: 'Header', fields: ['DUC', 'UASC'] },
  ],
  check(child, ctx) {
    const { hasPrevious, supplied } = ctx.header
    if (!hasPrevious || !supplied.current.has('UASC') || !supplied.previous.has('UASC')) return NO_HITS
    if (!child.uasc || !child.previousUasc) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const now of child.current.UASC) {
      const wrong = child.previous.UASC.some((last) => {
        const lastIs18th = last.DUC !== null && last.DOB !== null && last.DUC === addYears(last.DOB, 18)
        const nowFits =
          now.DUC !== null && (inCollectionYear(now.DUC, ctx) || (last.DUC !== null && now.DUC === last.DUC))
        return !lastIs18th || !nowFits
      })
      if (wrong) (hits ??= []).push(hit('UASC', now, ['DUC', 'UASC']))
    }
    if (hits) for (const header of child.current.Header) hits.push(hit('Header', header, ['UASC']))
    return hits ?? NO_HITS
  },
}

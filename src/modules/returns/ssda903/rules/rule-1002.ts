import type { Ssda903Rule } from '../rule.js'
import { HitList, birthday, suppliedLastYear, suppliedThisYear } from './shared-row-checks.js'

/**
 * A care leaver (a child with an OC3 row) has episodes this year or last. Runs only when both
 * years' Episodes were supplied: without last year's, a care leaver always looks episode-less.
 *
 * Read differently from the community validator: a young person aged 20 or over on 31 March
 * (by the Header's DOB) is not checked, as rule 1001 passes them over. Their 18th birthday, the
 * latest they can have left care, fell before last year's collection began, so two years of
 * episodes cannot show their time in care: every care leaver of 20 or 21 who stayed in care to
 * 18 would be reported. A child whose DOB cannot be read is still checked.
 */
export const rule1002: Ssda903Rule = {
  code: '1002',
  type: 'error',
  message:
    "This child has no previous episodes of care, therefore should not have care leaver information recorded. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
  affects: [
    { table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] },
    { table: 'Episodes', fields: ['CHILD'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes') || !suppliedLastYear(ctx, 'Episodes')) return hits.done()
    if (child.current.Episodes.length > 0 || child.previous.Episodes.length > 0) return hits.done()
    const dob = child.current.Header.find((h) => h.DOB !== null)?.DOB
    if (dob != null && birthday(dob, 20) <= ctx.collectionEnd) return hits.done()
    for (const row of child.current.OC3) hits.add('OC3', row, ['IN_TOUCH', 'ACTIV', 'ACCOM'])
    return hits.done()
  },
}

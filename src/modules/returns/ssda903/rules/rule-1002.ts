import type { Ssda903Rule } from '../rule.js'
import { HitList, suppliedLastYear, suppliedThisYear } from './shared-row-checks.js'

/**
 * A care leaver (a child with an OC3 row) has episodes this year or last. Runs only when both
 * years' Episodes were supplied: without last year's, a care leaver always looks episode-less.
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
    for (const row of child.current.OC3) hits.add('OC3', row, ['IN_TOUCH', 'ACTIV', 'ACCOM'])
    return hits.done()
  },
}

import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/**
 * A child whose episode ended because they died (REC E2), this year or last, has no OC3 row:
 * every OC3 row of such a child is reported.
 */
export const rule1000: Ssda903Rule = {
  code: '1000',
  type: 'error',
  message:
    'This child is recorded as having died in care and therefore should not have the care leaver information completed. [NOTE: This only tests the current and previous year data loaded into the tool]',
  affects: [
    { table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] },
    { table: 'Episodes', fields: ['REC'] },
  ],
  check(child) {
    const hits = new HitList()
    if (child.current.OC3.length === 0) return hits.done()
    const died = [...child.current.Episodes, ...child.previous.Episodes].some((e) => e.REC === 'E2')
    if (died) for (const row of child.current.OC3) hits.add('OC3', row, ['IN_TOUCH', 'ACTIV', 'ACCOM'])
    return hits.done()
  },
}

import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, anyGiven } from './shared-row-checks.js'

const OC3_FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const
const AD1_FIELDS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const

/**
 * A care leaver (a child with OC3 data) has no adoption data: each AD1 row holding anything is
 * reported when the child's OC3 row holds anything.
 */
export const rule134: Ssda903Rule = {
  code: '134',
  type: 'error',
  message: 'Data on adoption should not be entered for the OC3 cohort.',
  affects: [
    { table: 'OC3', fields: OC3_FIELDS },
    { table: 'AD1', fields: AD1_FIELDS },
  ],
  check(child) {
    if (!child.current.OC3.some((row) => anyGiven(row, OC3_FIELDS))) return NO_HITS
    const hits = new HitList()
    for (const row of child.current.AD1) if (anyGiven(row, AD1_FIELDS)) hits.add('AD1', row, AD1_FIELDS)
    return hits.done()
  },
}

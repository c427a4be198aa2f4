import type { Ssda903Rule } from '../rule.js'
import { HitList, anyGiven } from './shared-row-checks.js'

const FIELDS = ['SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'] as const

/** Without a substance misuse problem (0 or blank), neither intervention item is completed. */
export const rule193: Ssda903Rule = {
  code: '193',
  type: 'error',
  message:
    'Child not identified as having a substance misuse problem but at least one of the two additional items on whether an intervention were offered and received have been completed.',
  affects: [{ table: 'OC2', fields: FIELDS }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.OC2) {
      const noProblem = row.SUBSTANCE_MISUSE === null || row.SUBSTANCE_MISUSE === '0'
      if (noProblem && anyGiven(row, ['INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED']))
        hits.add('OC2', row, FIELDS)
    }
    return hits.done()
  },
}

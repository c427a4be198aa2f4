import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

const FIELDS = ['SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'] as const

/**
 * A child with a substance misuse problem (1) who did not receive an intervention (0) has
 * INTERVENTION_OFFERED completed.
 */
export const rule159: Ssda903Rule = {
  code: '159',
  type: 'error',
  message:
    'If a child has been recorded as not receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be completed as well.',
  affects: [{ table: 'OC2', fields: FIELDS }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.OC2) {
      if (
        row.SUBSTANCE_MISUSE === '1' &&
        row.INTERVENTION_RECEIVED === '0' &&
        row.INTERVENTION_OFFERED === null
      )
        hits.add('OC2', row, FIELDS)
    }
    return hits.done()
  },
}

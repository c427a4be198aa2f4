import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/** A child with a substance misuse problem (1) has INTERVENTION_RECEIVED completed. */
export const rule192: Ssda903Rule = {
  code: '192',
  type: 'error',
  message:
    'Child has been identified as having a substance misuse problem but the additional item on whether an intervention was received has been left blank.',
  affects: [{ table: 'OC2', fields: ['SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED'] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.OC2) {
      if (row.SUBSTANCE_MISUSE === '1' && isBlank(row, 'INTERVENTION_RECEIVED'))
        hits.add('OC2', row, ['SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED'])
    }
    return hits.done()
  },
}

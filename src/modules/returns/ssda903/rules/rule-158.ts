import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/** When INTERVENTION_RECEIVED is 1, INTERVENTION_OFFERED is left blank (it was received, so offered goes without saying). */
export const rule158: Ssda903Rule = {
  code: '158',
  type: 'error',
  message:
    'If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.',
  affects: [{ table: 'OC2', fields: ['INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.OC2) {
      if (row.INTERVENTION_RECEIVED === '1' && !isBlank(row, 'INTERVENTION_OFFERED'))
        hits.add('OC2', row, ['INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'])
    }
    return hits.done()
  },
}

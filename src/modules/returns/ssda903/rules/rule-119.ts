import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/** DATE_PLACED_CEASED and REASON_PLACED_CEASED come together: both given or both blank. */
export const rule119: Ssda903Rule = {
  code: '119',
  type: 'error',
  message:
    'If the decision is made that a child should no longer be placed for adoption, then the date of this decision and the reason why this decision was made must be completed.',
  affects: [{ table: 'PlacedAdoption', fields: ['REASON_PLACED_CEASED', 'DATE_PLACED_CEASED'] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.PlacedAdoption) {
      if (isBlank(row, 'DATE_PLACED_CEASED') !== isBlank(row, 'REASON_PLACED_CEASED'))
        hits.add('PlacedAdoption', row, ['REASON_PLACED_CEASED', 'DATE_PLACED_CEASED'])
    }
    return hits.done()
  },
}

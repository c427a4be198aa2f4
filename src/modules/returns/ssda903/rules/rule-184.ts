import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/** DATE_PLACED is not before the child's date of birth in the Header. */
export const rule184: Ssda903Rule = {
  code: '184',
  type: 'error',
  message: 'Date of decision that a child should be placed for adoption is before the child was born.',
  affects: [
    { table: 'PlacedAdoption', fields: ['DATE_PLACED'] },
    { table: 'Header', fields: ['DOB'] },
  ],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.PlacedAdoption) {
      const placed = row.DATE_PLACED
      if (placed === null) continue
      if (child.current.Header.some((h) => h.DOB !== null && placed < h.DOB))
        hits.add('PlacedAdoption', row, ['DATE_PLACED'])
    }
    return hits.done()
  },
}

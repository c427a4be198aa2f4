import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/** A child recorded as male (M, the 2024/25 code) has no date of birth of a mother's child. */
export const rule174: Ssda903Rule = {
  code: '174',
  type: 'error',
  message: "Mother's child date of birth is recorded but sex shows that the child is a male.",
  affects: [{ table: 'Header', fields: ['SEX', 'MC_DOB'] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.Header) {
      if (row.SEX === 'M' && !isBlank(row, 'MC_DOB')) hits.add('Header', row, ['SEX', 'MC_DOB'])
    }
    return hits.done()
  },
}

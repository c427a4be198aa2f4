import { SSDA903_REVIEW_CODES } from '../codes.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/**
 * A review with a date has a valid participation code; a row with neither date nor code is left
 * alone (rule 166 reports the missing date), a code without a date is reported.
 */
export const rule167: Ssda903Rule = {
  code: '167',
  type: 'error',
  message: 'Data entry for participation is invalid or blank.',
  affects: [{ table: 'Reviews', fields: ['REVIEW_CODE'] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.Reviews) {
      const code = row.REVIEW_CODE
      const fine = isBlank(row, 'REVIEW') ? code === null : code !== null && SSDA903_REVIEW_CODES.has(code)
      if (!fine) hits.add('Reviews', row, ['REVIEW_CODE'])
    }
    return hits.done()
  },
}

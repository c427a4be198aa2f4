import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/** A whole number, optionally written with a decimal point and zeros (`12.0`), as a spreadsheet may save it. */
const WHOLE = /^\+?\d+(?:\.0*)?$/

/** SDQ_SCORE, when given, is a whole number from 0 to 40. */
export const rule180: Ssda903Rule = {
  code: '180',
  type: 'error',
  message: 'Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.',
  affects: [{ table: 'OC2', fields: ['SDQ_SCORE'] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.OC2) {
      const score = row.SDQ_SCORE
      if (score === null) continue
      if (!WHOLE.test(score) || Number(score) > 40) hits.add('OC2', row, ['SDQ_SCORE'])
    }
    return hits.done()
  },
}

import type { Ssda903Rule } from '../rule.js'
import { HitList, anyGiven, birthday } from './shared-row-checks.js'

/** A child not yet 4 on 31 March has neither an SDQ score nor a reason for none (OC2's DOB). */
export const rule188: Ssda903Rule = {
  code: '188',
  type: 'error',
  message:
    'Child is aged under 4 years at the end of the year, but a Strengths and Difficulties (SDQ) score or a reason for no SDQ score has been completed.',
  affects: [{ table: 'OC2', fields: ['SDQ_SCORE', 'SDQ_REASON'] }],
  check(child, ctx) {
    const hits = new HitList()
    for (const row of child.current.OC2) {
      if (row.DOB === null || birthday(row.DOB, 4) <= ctx.collectionEnd) continue
      if (anyGiven(row, ['SDQ_SCORE', 'SDQ_REASON'])) hits.add('OC2', row, ['SDQ_SCORE', 'SDQ_REASON'])
    }
    return hits.done()
  },
}

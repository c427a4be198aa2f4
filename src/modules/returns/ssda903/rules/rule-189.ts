import type { Ssda903Rule } from '../rule.js'
import { HitList, anyGiven, birthday } from './shared-row-checks.js'

/**
 * A child who turned 17 before 1 April (born more than 17 years before the year began) has
 * neither an SDQ score nor a reason for none (OC2's DOB). A 17th birthday on 1 April itself is
 * not caught: that child is in rule 197B's cohort, which expects an SDQ.
 */
export const rule189: Ssda903Rule = {
  code: '189',
  type: 'error',
  message:
    'Child is aged 17 years or over at the beginning of the year, but an Strengths and Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been completed.',
  affects: [{ table: 'OC2', fields: ['DOB', 'SDQ_SCORE', 'SDQ_REASON'] }],
  check(child, ctx) {
    const hits = new HitList()
    for (const row of child.current.OC2) {
      if (row.DOB === null || birthday(row.DOB, 17) >= ctx.collectionStart) continue
      if (anyGiven(row, ['SDQ_SCORE', 'SDQ_REASON'])) hits.add('OC2', row, ['DOB', 'SDQ_SCORE', 'SDQ_REASON'])
    }
    return hits.done()
  },
}

import type { Ssda903Rule } from '../rule.js'
import { HitList, allGiven } from './shared-row-checks.js'

/** An SDQ score and a reason for no score are not both given. */
export const rule197a: Ssda903Rule = {
  code: '197a',
  type: 'error',
  message:
    'Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and Difficulties Questionnaire score is filled in.',
  affects: [{ table: 'OC2', fields: ['SDQ_SCORE', 'SDQ_REASON'] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.OC2) {
      if (allGiven(row, ['SDQ_SCORE', 'SDQ_REASON'])) hits.add('OC2', row, ['SDQ_SCORE', 'SDQ_REASON'])
    }
    return hits.done()
  },
}

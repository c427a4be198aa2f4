import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isInvalidDate, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

/** A DoLO end date, when given, is a real date (blank is an open DoLO, which is allowed). */
export const rule701: Ssda903Rule = {
  code: '701',
  type: 'error',
  message: 'The end date of the DoLO is not a valid date.',
  affects: [{ table: 'DoLo', fields: ['DOLO_END'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('DoLo')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const dolo of child.current.DoLo) {
      if (isInvalidDate(dolo, 'DOLO_END')) (hits ??= []).push(hit('DoLo', dolo, ['DOLO_END']))
    }
    return hits ?? NO_HITS
  },
}

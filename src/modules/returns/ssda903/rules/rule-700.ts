import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

/** Every DoLO has a real start date: blank counts as not valid, as the DfE reads it. */
export const rule700: Ssda903Rule = {
  code: '700',
  type: 'error',
  message: 'The start date of the DoLO is not a valid date.',
  affects: [{ table: 'DoLo', fields: ['DOLO_START'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('DoLo')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const dolo of child.current.DoLo) {
      if (dolo.DOLO_START === null) (hits ??= []).push(hit('DoLo', dolo, ['DOLO_START']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 702: a DoLO cannot end before it starts.
 *
 * A DoLO that ends on the day it starts is reported too, as the community validator does: the
 * DfE's condition is that the end is after the start, and an order of no length is not one.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule702: Ssda903Rule = {
  code: '702',
  type: 'error',
  message: 'The date that the DoLO ended is before the date that it started.',
  affects: [{ table: 'DoLo', fields: ['DOLO_START', 'DOLO_END'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('DoLo')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const dolo of child.current.DoLo) {
      const { DOLO_START: start, DOLO_END: end } = dolo
      if (start !== null && end !== null && end <= start)
        (hits ??= []).push(hit('DoLo', dolo, ['DOLO_START', 'DOLO_END']))
    }
    return hits ?? NO_HITS
  },
}

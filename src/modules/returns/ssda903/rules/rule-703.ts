import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

/** A DoLO cannot start after 31 March of the collection year. */
export const rule703: Ssda903Rule = {
  code: '703',
  type: 'error',
  message: 'The date that the DoLO started is after the end of the collection year.',
  affects: [{ table: 'DoLo', fields: ['DOLO_START'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('DoLo')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const dolo of child.current.DoLo) {
      if (dolo.DOLO_START !== null && dolo.DOLO_START > ctx.collectionEnd)
        (hits ??= []).push(hit('DoLo', dolo, ['DOLO_START']))
    }
    return hits ?? NO_HITS
  },
}

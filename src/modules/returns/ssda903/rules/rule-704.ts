import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import { inCollectionYear, type Ssda903Rule } from '../rule.js'

/** A DoLO's end date, when given, falls within the collection year (1 April to 31 March). */
export const rule704: Ssda903Rule = {
  code: '704',
  type: 'error',
  message: 'The date that the DoLO ended is before the start or after the end of the collection year.',
  affects: [{ table: 'DoLo', fields: ['DOLO_END'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('DoLo')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const dolo of child.current.DoLo) {
      if (dolo.DOLO_END !== null && !inCollectionYear(dolo.DOLO_END, ctx))
        (hits ??= []).push(hit('DoLo', dolo, ['DOLO_END']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 348: a care leaver reported last year as having died (IN_TOUCH DIED) is not reported otherwise
 * this year. Runs only when last year's OC3 table was supplied.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule348: Ssda903Rule = {
  code: '348',
  type: 'error',
  message: 'Care leaver has previously been reported as having died.',
  affects: [{ table: 'OC3', fields: ['IN_TOUCH'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('OC3')) return NO_HITS
    if (!child.previous.OC3.some((r) => r.IN_TOUCH === 'DIED')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const r of child.current.OC3) {
      if (r.IN_TOUCH !== 'DIED') (hits ??= []).push(hit('OC3', r, ['IN_TOUCH']))
    }
    return hits ?? NO_HITS
  },
}

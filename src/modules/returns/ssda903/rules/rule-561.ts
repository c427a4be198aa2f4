/**
 * 561: a decision recorded this year with the same DATE_PLACED as a decision last year that was
 * reversed (a date or reason it ceased) is reported: a reversed decision is not carried on.
 * Nothing is done without last year's PlacedAdoption.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, isReversed, type Hits } from './support-4xx-5xx.js'

export const rule561: Ssda903Rule = {
  code: '561',
  type: 'error',
  message:
    'Date of the decision that the child should be placed for adoption this year is the same as that recorded last year but records show that the decision changed, and the child should no longer be placed for adoption last year.',
  affects: [{ table: 'PlacedAdoption', fields: ['DATE_PLACED'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('PlacedAdoption')) return NO_HITS
    const reversed = new Set(child.previous.PlacedAdoption.filter(isReversed).map((p) => p.DATE_PLACED))
    reversed.delete(null)
    if (reversed.size === 0) return NO_HITS
    let hits: Hits | undefined
    for (const p of child.current.PlacedAdoption) {
      if (p.DATE_PLACED !== null && reversed.has(p.DATE_PLACED))
        hits = add(hits, 'PlacedAdoption', p, ['DATE_PLACED'])
    }
    return hits ?? NO_HITS
  },
}

/**
 * 584: after a decision to place for adoption was reversed last year (a date or reason it
 * ceased), any decision this year is a new one, made after it: a DATE_PLACED later than last
 * year's. A decision this year with no readable DATE_PLACED is reported too. Nothing is done
 * without last year's PlacedAdoption.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, isReversed, type Hits } from './support-4xx-5xx.js'

export const rule584: Ssda903Rule = {
  code: '584',
  type: 'error',
  message:
    'Date of decision that the child should be placed for adoption this year is different from that recorded last year, but the decision to placed the child for adoption changed and the child should no longer be placed for adoption.',
  affects: [{ table: 'PlacedAdoption', fields: ['DATE_PLACED'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('PlacedAdoption')) return NO_HITS
    let reversed: string | null = null
    for (const p of child.previous.PlacedAdoption) {
      if (p.DATE_PLACED !== null && isReversed(p) && (reversed === null || p.DATE_PLACED > reversed))
        reversed = p.DATE_PLACED
    }
    if (reversed === null) return NO_HITS
    let hits: Hits | undefined
    for (const p of child.current.PlacedAdoption) {
      if (p.DATE_PLACED === null || p.DATE_PLACED <= reversed)
        hits = add(hits, 'PlacedAdoption', p, ['DATE_PLACED'], `reversed last year: decision of ${reversed}`)
    }
    return hits ?? NO_HITS
  },
}

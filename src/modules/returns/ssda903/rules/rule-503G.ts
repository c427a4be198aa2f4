/**
 * 503G: when last year's last episode was still open, this year's first episode has the same
 * distance from home (PL_DISTANCE): distances differ when they are 0.2 miles or more apart, or
 * only one is known (see `distancesDiffer` for how that differs from the community validator).
 * Derived from the postcodes; when a postcode is not in the postcode reference the episode is
 * reported with that postcode rather than compared.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { carriedOver, compareFacts } from './support-4xx-5xx.js'

export const rule503G: Ssda903Rule = {
  code: '503G',
  type: 'error',
  message: 'The distance in first episode does not match open episode at end of last year.',
  affects: [
    { table: 'Episodes', fields: ['PL_DISTANCE'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    const pair = carriedOver(child, ctx)
    if (!pair) return NO_HITS
    const compared = compareFacts(ctx, pair.first, pair.last, 'distance')
    if (compared.result === 'same') return NO_HITS
    const detail = compared.result === 'unknown' ? compared.detail : undefined
    return [hit('Episodes', pair.first, ['PL_DISTANCE'], detail)]
  },
}

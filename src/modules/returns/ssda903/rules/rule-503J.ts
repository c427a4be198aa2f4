/**
 * 503J: when last year's last episode was still open, this year's first episode has the same
 * placement location (PL_LOCATION, in or out of area). Derived from the postcodes; when a
 * postcode is not in the postcode reference the episode is reported with that postcode rather
 * than compared.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { carriedOver, compareFacts } from './support-4xx-5xx.js'

export const rule503J: Ssda903Rule = {
  code: '503J',
  type: 'error',
  message: 'The placement location in first episode does not match open episode at end of last year.',
  affects: [
    { table: 'Episodes', fields: ['PL_LOCATION'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    const pair = carriedOver(child, ctx)
    if (!pair) return NO_HITS
    const compared = compareFacts(ctx, pair.first, pair.last, 'location')
    if (compared.result === 'same') return NO_HITS
    const detail = compared.result === 'unknown' ? compared.detail : undefined
    return [hit('Episodes', pair.first, ['PL_LOCATION'], detail)]
  },
}

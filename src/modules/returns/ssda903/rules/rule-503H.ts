/**
 * 503H: when last year's last episode was still open, this year's first episode has the same
 * placement LA (PL_LA). Derived from the postcodes; when a postcode is not in the postcode
 * reference the episode is reported with that postcode rather than compared.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { carriedOver, compareFacts } from './support-4xx-5xx.js'

export const rule503H: Ssda903Rule = {
  code: '503H',
  type: 'error',
  message: 'The placement LA in first episode does not match open episode at end of last year.',
  affects: [
    { table: 'Episodes', fields: ['PL_LA'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    const pair = carriedOver(child, ctx)
    if (!pair) return NO_HITS
    const compared = compareFacts(ctx, pair.first, pair.last, 'la')
    if (compared.result === 'same') return NO_HITS
    const detail = compared.result === 'unknown' ? compared.detail : undefined
    return [hit('Episodes', pair.first, ['PL_LA'], detail)]
  },
}

/**
 * 452: when last year's last episode was still open, this year's first episode has the same
 * placement LA (PL_LA). Derived from the postcodes; when a postcode is not in the postcode
 * reference the episode is reported with that postcode rather than compared.
 *
 * Only when the first episode has the same reason for new episode as last year's (the episode
 * carried on unchanged); rule 503H compares whatever the reason.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { carriedOver, compareFacts } from './support-4xx-5xx.js'

export const rule452: Ssda903Rule = {
  code: '452',
  type: 'error',
  message:
    'Contradiction between local authority of placement code in the last episode of the previous year and in the first episode of the current year.',
  affects: [
    { table: 'Episodes', fields: ['PL_LA', 'RNE'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    const pair = carriedOver(child, ctx)
    if (!pair || pair.first.RNE !== pair.last.RNE) return NO_HITS
    const compared = compareFacts(ctx, pair.first, pair.last, 'la')
    if (compared.result === 'same') return NO_HITS
    const detail = compared.result === 'unknown' ? compared.detail : undefined
    return [hit('Episodes', pair.first, ['PL_LA'], detail)]
  },
}

/**
 * 583: when a child has more than one decision to place for adoption, every decision but the
 * latest (by DATE_PLACED) has been reversed: it has a DATE_PLACED_CEASED. Each earlier decision
 * without one is reported. A decision with no readable DATE_PLACED is never the latest.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { add, latestDecision, type Hits } from './support-4xx-5xx.js'

export const rule583: Ssda903Rule = {
  code: '583',
  type: 'error',
  message:
    'More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.',
  affects: [{ table: 'PlacedAdoption', fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'] }],
  check(child) {
    const rows = child.current.PlacedAdoption
    if (rows.length < 2) return NO_HITS
    const latest = latestDecision(rows) ?? rows[0]
    let hits: Hits | undefined
    for (const p of rows) {
      if (p !== latest && isBlank(p, 'DATE_PLACED_CEASED'))
        hits = add(hits, 'PlacedAdoption', p, ['DATE_PLACED_CEASED'])
    }
    return hits ?? NO_HITS
  },
}

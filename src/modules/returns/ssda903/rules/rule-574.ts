/**
 * 574: a child's missing periods do not overlap, and none starts while an earlier one is open.
 *
 * Periods are taken in order of their start dates; a period is reported when an earlier one has
 * no end date, or ends after it starts (one ending the day the next starts is fine). Periods
 * with no readable start cannot be placed in order and are left to rules 564/565; an unreadable
 * end is not taken as open. The community validator orders by end date instead, which gives the
 * same findings except where three or more periods interleave.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank, type MissingRow } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { add, type Hits } from './support-4xx-5xx.js'

export const rule574: Ssda903Rule = {
  code: '574',
  type: 'error',
  message:
    'A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.',
  affects: [{ table: 'Missing', fields: ['MIS_START', 'MIS_END'] }],
  check(child) {
    const periods = child.current.Missing.filter(
      (m): m is MissingRow & { MIS_START: string } => m.MIS_START !== null,
    )
    if (periods.length < 2) return NO_HITS
    periods.sort((a, b) => a.MIS_START.localeCompare(b.MIS_START) || a.row - b.row)
    let hits: Hits | undefined
    let open = false
    let latestEnd: string | null = null
    for (const [i, m] of periods.entries()) {
      if (i > 0 && (open || (latestEnd !== null && latestEnd > m.MIS_START)))
        hits = add(hits, 'Missing', m, ['MIS_START', 'MIS_END'])
      if (isBlank(m, 'MIS_END')) open = true
      else if (m.MIS_END !== null && (latestEnd === null || m.MIS_END > latestEnd)) latestEnd = m.MIS_END
    }
    return hits ?? NO_HITS
  },
}

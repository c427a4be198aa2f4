/**
 * 578: a missing period does not start after the child ceased to be looked after: its start
 * lies in no period of care, and an earlier period of care had ended before it.
 *
 * Reading: the community validator also reports a start before the child was first looked
 * after; Haven leaves that to rule 581 ("not yet started to be looked after"), so one missing
 * period is reported under one of the two, as the messages say.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, inPeriod, periodsOfCare, type Hits } from './support-4xx-5xx.js'

export const rule578: Ssda903Rule = {
  code: '578',
  type: 'error',
  message: 'The date that the child started to be missing is after the child ceased to be looked after.',
  affects: [
    { table: 'Missing', fields: ['MIS_START'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC'] },
  ],
  check(child) {
    if (child.current.Missing.length === 0) return NO_HITS
    const periods = periodsOfCare(child.current.Episodes)
    let hits: Hits | undefined
    for (const m of child.current.Missing) {
      const start = m.MIS_START
      if (start === null || periods.some((p) => inPeriod(start, p))) continue
      if (periods.some((p) => p.end !== null && p.end < start)) hits = add(hits, 'Missing', m, ['MIS_START'])
    }
    return hits ?? NO_HITS
  },
}

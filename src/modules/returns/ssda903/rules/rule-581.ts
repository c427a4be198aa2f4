/**
 * 581: a missing period does not start before the child started to be looked after: its start
 * lies in no period of care and no period of care had ended before it (or the child has no
 * episodes at all, when the Episodes file was supplied).
 *
 * Reading: the community validator reports every start outside an episode here, including
 * starts after the child left care, which rule 578 reports; and it reports a blank start.
 * Haven reports each missing period under the rule whose message fits, and a blank start only
 * under 564.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, inPeriod, periodsOfCare, type Hits } from './support-4xx-5xx.js'

export const rule581: Ssda903Rule = {
  code: '581',
  type: 'error',
  message: 'Child is missing but has not yet started to be looked after.',
  affects: [
    { table: 'Missing', fields: ['MIS_START'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC'] },
  ],
  check(child, ctx) {
    if (child.current.Missing.length === 0 || !ctx.header.supplied.current.has('Episodes')) return NO_HITS
    const periods = periodsOfCare(child.current.Episodes)
    let hits: Hits | undefined
    for (const m of child.current.Missing) {
      const start = m.MIS_START
      if (start === null || periods.some((p) => inPeriod(start, p))) continue
      if (!periods.some((p) => p.end !== null && p.end < start)) hits = add(hits, 'Missing', m, ['MIS_START'])
    }
    return hits ?? NO_HITS
  },
}

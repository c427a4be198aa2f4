/**
 * 576: a missing period open at the end of last year's return goes on into this year: this
 * year's earliest missing period starts on the same date. Reported on that period; nothing is
 * done without last year's Missing file.
 *
 * Reading: as in the community validator, a child with no missing periods at all this year is
 * not reported (there is no row of this year to report), and a period with no readable start
 * counts as later than any that has one.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank, type MissingRow } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { add, type Hits } from './support-4xx-5xx.js'

export const rule576: Ssda903Rule = {
  code: '576',
  type: 'error',
  message:
    'There is an open missing/away from placement without authorisation period in last year’s return and there is no corresponding period recorded at the start of this year.',
  affects: [{ table: 'Missing', fields: ['CHILD', 'MIS_START'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('Missing')) return NO_HITS
    const rows = child.current.Missing
    if (rows.length === 0) return NO_HITS
    let first: MissingRow | undefined
    for (const m of rows) {
      if (!first || (m.MIS_START !== null && (first.MIS_START === null || m.MIS_START < first.MIS_START)))
        first = m
    }
    let hits: Hits | undefined
    for (const last of child.previous.Missing) {
      if (last.MIS_START === null || !isBlank(last, 'MIS_END')) continue
      if (first!.MIS_START !== last.MIS_START) {
        hits = add(hits, 'Missing', first!, ['MIS_START'], `open since ${last.MIS_START} last year`)
        break
      }
    }
    return hits ?? NO_HITS
  },
}

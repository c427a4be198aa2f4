/**
 * 560: a decision to place for adoption still in force at the end of last year (a DATE_PLACED
 * and no DATE_PLACED_CEASED) appears this year with the same DATE_PLACED. When no decision this
 * year has that date, each of this year's decisions is reported. Nothing is done without last
 * year's PlacedAdoption.
 *
 * Reading: the community validator compares every pair of rows, so a child with a new decision
 * this year besides the one carried on is reported; Haven looks for the carried-on decision
 * among this year's rows.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { add, type Hits } from './support-4xx-5xx.js'

export const rule560: Ssda903Rule = {
  code: '560',
  type: 'error',
  message:
    'Date of decision that the child should be placed for adoption this year is different from that recorded last year but the decision to place the child for adoption did not change.',
  affects: [{ table: 'PlacedAdoption', fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('PlacedAdoption')) return NO_HITS
    const now = child.current.PlacedAdoption
    let hits: Hits | undefined
    for (const last of child.previous.PlacedAdoption) {
      if (last.DATE_PLACED === null || !isBlank(last, 'DATE_PLACED_CEASED')) continue
      if (now.some((p) => p.DATE_PLACED === last.DATE_PLACED)) continue
      for (const p of now)
        hits = add(hits, 'PlacedAdoption', p, ['DATE_PLACED'], `last year ${last.DATE_PLACED}`)
      break
    }
    return hits ?? NO_HITS
  },
}

/**
 * 553: a child with a placement order (an E1 episode) has a decision that they should be
 * placed for adoption: a PlacedAdoption row with DATE_PLACED completed, reported on each E1
 * episode when there is none. While the order is in force (an E1 episode with no end date) that
 * decision has not been reversed: when every decision has a date or reason it ceased, those
 * rows are reported. Nothing is done when the PlacedAdoption file was not supplied.
 *
 * Reading: the community validator accepts a PlacedAdoption row with a blank DATE_PLACED, and
 * reports any reversed decision during an open E1 episode even when a later decision is in
 * force; Haven follows the message (no date is no decision) and looks for a decision in force.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { add, isReversed, type Hits } from './support-4xx-5xx.js'

export const rule553: Ssda903Rule = {
  code: '553',
  type: 'error',
  message:
    'Placement order has been granted but there is no date of decision that the child should be placed for adoption.',
  affects: [
    { table: 'Episodes', fields: ['LS', 'DEC'] },
    { table: 'PlacedAdoption', fields: ['DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'] },
  ],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('PlacedAdoption')) return NO_HITS
    const orders = child.current.Episodes.filter((e) => e.LS === 'E1')
    if (orders.length === 0) return NO_HITS
    const decisions = child.current.PlacedAdoption.filter((p) => !isBlank(p, 'DATE_PLACED'))
    let hits: Hits | undefined
    if (decisions.length === 0) {
      for (const e of orders) hits = add(hits, 'Episodes', e, ['LS'])
      return hits ?? NO_HITS
    }
    const inForce = orders.some((e) => isBlank(e, 'DEC'))
    if (inForce && decisions.every(isReversed)) {
      for (const p of decisions)
        hits = add(hits, 'PlacedAdoption', p, ['DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'])
    }
    return hits ?? NO_HITS
  },
}

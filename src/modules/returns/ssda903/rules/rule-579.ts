/**
 * 579: a child's decisions to place for adoption do not overlap, and none is made while an
 * earlier one is still in force. Decisions are taken in order of DATE_PLACED; one is reported
 * when an earlier one has no DATE_PLACED_CEASED, or ceased after it was made (ceasing the day
 * the next is made is fine). Decisions with no readable DATE_PLACED cannot be placed in order
 * and are left out; an unreadable DATE_PLACED_CEASED is not taken as in force.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank, type PlacedAdoptionRow } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { add, type Hits } from './support-4xx-5xx.js'

export const rule579: Ssda903Rule = {
  code: '579',
  type: 'error',
  message:
    'A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open. Decisions to place the child for adoption should also not overlap. The date of any new decision to place the child for adoption must not be before the date placed ceased of previous decisions.',
  affects: [{ table: 'PlacedAdoption', fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'] }],
  check(child) {
    const decisions = child.current.PlacedAdoption.filter(
      (p): p is PlacedAdoptionRow & { DATE_PLACED: string } => p.DATE_PLACED !== null,
    )
    if (decisions.length < 2) return NO_HITS
    decisions.sort((a, b) => a.DATE_PLACED.localeCompare(b.DATE_PLACED) || a.row - b.row)
    let hits: Hits | undefined
    let open = false
    let latestCeased: string | null = null
    for (const [i, p] of decisions.entries()) {
      if (i > 0 && (open || (latestCeased !== null && latestCeased > p.DATE_PLACED)))
        hits = add(hits, 'PlacedAdoption', p, ['DATE_PLACED', 'DATE_PLACED_CEASED'])
      if (isBlank(p, 'DATE_PLACED_CEASED')) open = true
      else if (
        p.DATE_PLACED_CEASED !== null &&
        (latestCeased === null || p.DATE_PLACED_CEASED > latestCeased)
      )
        latestCeased = p.DATE_PLACED_CEASED
    }
    return hits ?? NO_HITS
  },
}

/**
 * 554: the decision to place for adoption is on or before the day the placement order was
 * granted (the start of the child's earliest E1 episode this year). Each later decision is
 * reported with that episode. As the message warns, an order granted in an earlier year is
 * not seen: its first E1 episode this year may have started later.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, firstEpisode, type Hits } from './support-4xx-5xx.js'

export const rule554: Ssda903Rule = {
  code: '554',
  type: 'error',
  message:
    'Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted. [NOTE: This rule may result in false positives or false negatives if relevant episodes are in previous years; please check carefully!]',
  affects: [
    { table: 'Episodes', fields: ['LS', 'DECOM'] },
    { table: 'PlacedAdoption', fields: ['DATE_PLACED'] },
  ],
  check(child) {
    const order = firstEpisode(child.current.Episodes.filter((e) => e.LS === 'E1'))
    if (order === null) return NO_HITS
    let hits: Hits | undefined
    for (const p of child.current.PlacedAdoption) {
      if (p.DATE_PLACED === null || p.DATE_PLACED <= order.DECOM!) continue
      if (!hits) hits = add(hits, 'Episodes', order, ['DECOM'])
      hits = add(hits, 'PlacedAdoption', p, ['DATE_PLACED'])
    }
    return hits ?? NO_HITS
  },
}

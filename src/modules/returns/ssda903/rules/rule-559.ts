/**
 * 559: a decision to place for adoption made before this year (DATE_PLACED before 1 April) was
 * in last year's return: last year has a decision with a readable DATE_PLACED for the child.
 * Nothing is done without last year's PlacedAdoption.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, type Hits } from './support-4xx-5xx.js'

export const rule559: Ssda903Rule = {
  code: '559',
  type: 'error',
  message:
    'Date of decision that a child should be placed for adoption was not in the current year but the date of the decision that the child should be placed for adoption was not completed in a previous return.',
  affects: [{ table: 'PlacedAdoption', fields: ['DATE_PLACED'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('PlacedAdoption')) return NO_HITS
    if (child.previous.PlacedAdoption.some((p) => p.DATE_PLACED !== null)) return NO_HITS
    let hits: Hits | undefined
    for (const p of child.current.PlacedAdoption) {
      if (p.DATE_PLACED !== null && p.DATE_PLACED < ctx.collectionStart)
        hits = add(hits, 'PlacedAdoption', p, ['DATE_PLACED'])
    }
    return hits ?? NO_HITS
  },
}

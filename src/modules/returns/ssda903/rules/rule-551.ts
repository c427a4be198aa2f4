/**
 * 551: a child placed for adoption (an A3–A6 episode) has a date of the decision that they
 * should be placed for adoption (a PlacedAdoption row with DATE_PLACED completed). Nothing is
 * done when the PlacedAdoption file was not supplied.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { add, isAdoptionPlacement, type Hits } from './support-4xx-5xx.js'

export const rule551: Ssda903Rule = {
  code: '551',
  type: 'error',
  message:
    'Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.',
  affects: [
    { table: 'Episodes', fields: ['PLACE'] },
    { table: 'PlacedAdoption', fields: ['DATE_PLACED'] },
  ],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('PlacedAdoption')) return NO_HITS
    if (child.current.PlacedAdoption.some((p) => !isBlank(p, 'DATE_PLACED'))) return NO_HITS
    let hits: Hits | undefined
    for (const e of child.current.Episodes)
      if (isAdoptionPlacement(e)) hits = add(hits, 'Episodes', e, ['PLACE'])
    return hits ?? NO_HITS
  },
}

/**
 * 203: a child's date of birth this year agrees with last year's return. Only runs when last
 * year's Header was supplied, and only for children in both years. Dates are compared as
 * dates (so 1/5/2012 and 01/05/2012 agree); a blank or invalid date on both sides agrees,
 * as in the community validator (102 reports it).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule203: Ssda903Rule = {
  code: '203',
  type: 'error',
  message: 'Date of birth disagrees with the date of birth already recorded for this child.',
  affects: [{ table: 'Header', fields: ['DOB'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('Header')) return NO_HITS
    const before = child.previous.Header
    if (before.length === 0) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (before.some((last) => last.DOB !== header.DOB)) (hits ??= []).push(hit('Header', header, ['DOB']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 204: a child's ethnicity this year agrees with last year's return. Only runs when last
 * year's Header was supplied, and only for children in both years. Codes are compared trimmed
 * and upper-cased; blank on both sides agrees.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule204: Ssda903Rule = {
  code: '204',
  type: 'error',
  message: 'Ethnic origin code disagrees with the ethnic origin already recorded for this child.',
  affects: [{ table: 'Header', fields: ['ETHNIC'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('Header')) return NO_HITS
    const before = child.previous.Header
    if (before.length === 0) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (before.some((last) => last.ETHNIC !== header.ETHNIC))
        (hits ??= []).push(hit('Header', header, ['ETHNIC']))
    }
    return hits ?? NO_HITS
  },
}

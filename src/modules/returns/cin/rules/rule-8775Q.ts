/**
 * 8775Q: a child more than 25 years old at the reference date (born before the reference date
 * less 25 years: for 2025/26, before 31 March 2001) whose episode is still open, or closed
 * after the 25th birthday. A 29 February birthday falls on 28 February in other years.
 * Reported on the child's identifiers and on each such episode; a closure date that cannot be
 * read counts as open.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { shiftDate } from './shared-dates.js'

export const rule8775Q: CinRule = {
  code: '8775Q',
  type: 'query',
  message: 'Please check and either amend data or provide a reason: Child is over 25 years old',
  affects: [
    { table: 'ChildIdentifiers', fields: ['PersonBirthDate'] },
    { table: 'CINdetails', fields: ['CINclosureDate'] },
  ],
  check(child, ctx) {
    const birth = child.PersonBirthDate
    if (birth === null || birth >= shiftDate(ctx.referenceDate, -25)) return NO_HITS
    const twentyFifth = shiftDate(birth, 25)
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const closed = episode.CINclosureDate
      if (closed !== null && closed <= twentyFifth) continue
      hits ??= [hit('ChildIdentifiers', child, ['PersonBirthDate'], `born ${birth}`)]
      hits.push(hit('CINdetails', episode, ['CINclosureDate']))
    }
    return hits ?? NO_HITS
  },
}

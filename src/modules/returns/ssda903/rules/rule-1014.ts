/**
 * 1014: a care leaver (OC3 data) who was not looked after at any time this year has no UASC
 * row. Reported on the UASC and OC3 rows. Runs when Episodes, UASC and OC3 were all supplied.
 *
 * Read differently from the community validator: it checks only children who have some episode
 * this year (outside the year's dates), so the usual care leaver, with no episodes at all this
 * year, is never reported. Haven counts "no episodes" as "not looked after this year" too.
 */
import type { Ssda903Rule } from '../rule.js'
import { HitList, careLeaverRows, openDuringYear, suppliedThisYear } from './shared-row-checks.js'

export const rule1014: Ssda903Rule = {
  code: '1014',
  type: 'error',
  message: 'UASC information is not required for care leavers',
  affects: [
    { table: 'UASC', fields: ['DUC'] },
    { table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes', 'UASC', 'OC3') || child.current.UASC.length === 0)
      return hits.done()
    const leaver = careLeaverRows(child.current.OC3)
    if (leaver.length === 0 || child.current.Episodes.some((e) => openDuringYear(e, ctx))) return hits.done()
    for (const row of child.current.UASC) hits.add('UASC', row, ['DUC'])
    for (const row of leaver) hits.add('OC3', row, ['IN_TOUCH', 'ACTIV', 'ACCOM'])
    return hits.done()
  },
}

import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, lastEpisode, suppliedLastYear, suppliedThisYear } from './shared-row-checks.js'

/**
 * A child whose latest episode last year was still open at 31 March, and who has no episodes
 * this year, has no OC3 row: the episodes are missing, not the child a care leaver. Runs only
 * when both years' Episodes were supplied.
 */
export const rule1010: Ssda903Rule = {
  code: '1010',
  type: 'error',
  message:
    'This child has no episodes loaded for current year even though there was an open episode of care at the end of the previous year, and care leaver data has been entered.',
  affects: [
    { table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] },
    { table: 'Episodes', fields: ['DEC'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes') || !suppliedLastYear(ctx, 'Episodes')) return hits.done()
    if (child.current.OC3.length === 0 || child.current.Episodes.length > 0) return hits.done()
    let latest = lastEpisode(child.previous.Episodes)
    // Of two starting the same day the later in the file is last year's final episode.
    for (const e of child.previous.Episodes) if (latest && e.DECOM === latest.DECOM) latest = e
    if (!latest || !isBlank(latest, 'DEC')) return hits.done()
    for (const row of child.current.OC3) hits.add('OC3', row, ['IN_TOUCH', 'ACTIV', 'ACCOM'])
    return hits.done()
  },
}

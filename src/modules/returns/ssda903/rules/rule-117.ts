import type { Ssda903Rule } from '../rule.js'
import { HitList, lastEpisode } from './shared-row-checks.js'

/**
 * The dates a child should, and should no longer, be placed for adoption are not after 31 March
 * nor after the child's latest episode ended (the latest-starting episode whose reason is not
 * X1; when it is still open, only 31 March applies). A child with no such episode is not
 * checked. Reported on the PlacedAdoption row and that episode.
 */
export const rule117: Ssda903Rule = {
  code: '117',
  type: 'error',
  message:
    'Date of decision that a child should/should no longer be placed for adoption is beyond the current collection year or after the child ceased to be looked after.',
  affects: [
    { table: 'PlacedAdoption', fields: ['DATE_PLACED_CEASED', 'DATE_PLACED'] },
    { table: 'Episodes', fields: ['DEC', 'REC', 'DECOM'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (child.current.PlacedAdoption.length === 0) return hits.done()
    const latest = lastEpisode(child.current.Episodes, (e) => e.REC !== 'X1')
    if (!latest) return hits.done()
    const tooLate = (date: string | null): boolean =>
      date !== null && (date > ctx.collectionEnd || (latest.DEC !== null && date > latest.DEC))
    for (const row of child.current.PlacedAdoption) {
      if (tooLate(row.DATE_PLACED) || tooLate(row.DATE_PLACED_CEASED)) {
        hits.add('PlacedAdoption', row, ['DATE_PLACED_CEASED', 'DATE_PLACED'])
        hits.add('Episodes', latest, ['DEC', 'REC', 'DECOM'])
      }
    }
    return hits.done()
  },
}

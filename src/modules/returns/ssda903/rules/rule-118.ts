import { SSDA903_SHORT_BREAK_LS } from '../codes.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, firstEpisode } from './shared-row-checks.js'

/**
 * The date a child should no longer be placed for adoption is not before 1 April nor before the
 * child's first episode that is not a short break (LS other than V3 or V4) began. A child with
 * no such episode is not checked. Reported on the PlacedAdoption row and that episode.
 */
export const rule118: Ssda903Rule = {
  code: '118',
  type: 'error',
  message:
    'Date of decision that a child should no longer be placed for adoption is before the current collection year or before the date the child started to be looked after.',
  affects: [
    { table: 'PlacedAdoption', fields: ['DATE_PLACED_CEASED'] },
    { table: 'Episodes', fields: ['DECOM', 'LS'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (child.current.PlacedAdoption.length === 0) return hits.done()
    const first = firstEpisode(
      child.current.Episodes,
      (e) => e.LS === null || !SSDA903_SHORT_BREAK_LS.has(e.LS),
    )
    if (!first) return hits.done()
    const began = first.DECOM as string
    for (const row of child.current.PlacedAdoption) {
      const ceased = row.DATE_PLACED_CEASED
      if (ceased !== null && (ceased < began || ceased < ctx.collectionStart)) {
        hits.add('PlacedAdoption', row, ['DATE_PLACED_CEASED'])
        hits.add('Episodes', first, ['DECOM', 'LS'])
      }
    }
    return hits.done()
  },
}

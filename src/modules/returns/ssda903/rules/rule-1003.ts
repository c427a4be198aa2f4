import type { Ssda903Rule } from '../rule.js'
import { HitList, firstEpisode } from './shared-row-checks.js'

/**
 * The decision to place for adoption is not before the child started to be looked after: the
 * start of the earliest episode this year with RNE S. Reported on the PlacedAdoption row and
 * that episode.
 */
export const rule1003: Ssda903Rule = {
  code: '1003',
  type: 'error',
  message:
    "Date of LA's decision that a child should be placed for adoption is before the child started to be looked after.",
  affects: [
    { table: 'PlacedAdoption', fields: ['DATE_PLACED'] },
    { table: 'Episodes', fields: ['DECOM', 'RNE'] },
  ],
  check(child) {
    const hits = new HitList()
    if (child.current.PlacedAdoption.length === 0) return hits.done()
    const started = firstEpisode(child.current.Episodes, (e) => e.RNE === 'S')
    if (!started) return hits.done()
    for (const row of child.current.PlacedAdoption) {
      if (row.DATE_PLACED !== null && row.DATE_PLACED < (started.DECOM as string)) {
        hits.add('PlacedAdoption', row, ['DATE_PLACED'])
        hits.add('Episodes', started, ['DECOM', 'RNE'])
      }
    }
    return hits.done()
  },
}

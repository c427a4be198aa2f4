/**
 * Episodes a DoLO overlaps, for the DoLO placement rules (709, 710).
 *
 * As the DfE words those rules, a DoLO is taken when both its start and end dates are given
 * (here: are real dates). An episode overlaps it when the episode starts on or before the day
 * the DoLO ends and ends (or is still open) on or after the day it starts. An episode with no
 * readable start date is not placed in time, and is left to the episode date rules.
 */
import { hit, type RuleHit } from '../../engine.js'
import type { Ssda903Child } from '../index.js'
import type { Ssda903Table } from '../model.js'

/**
 * Hits for each DoLO with an overlapping episode whose PLACE `wrong` rejects, and for each such
 * episode (once, however many DoLOs it overlaps).
 */
export function doloPlacementHits(
  child: Ssda903Child,
  wrong: (place: string | null) => boolean,
): RuleHit<Ssda903Table>[] | undefined {
  let hits: RuleHit<Ssda903Table>[] | undefined
  const episodesHit = new Set<number>()
  for (const dolo of child.current.DoLo) {
    const start = dolo.DOLO_START
    const end = dolo.DOLO_END
    if (start === null || end === null) continue
    let doloHit = false
    for (const episode of child.current.Episodes) {
      if (episode.DECOM === null || episode.DECOM > end) continue
      if (episode.DEC !== null && episode.DEC < start) continue
      if (!wrong(episode.PLACE)) continue
      hits ??= []
      if (!doloHit) {
        hits.push(hit('DoLo', dolo, ['DOLO_START']))
        doloHit = true
      }
      if (!episodesHit.has(episode.row)) {
        hits.push(hit('Episodes', episode, ['PLACE']))
        episodesHit.add(episode.row)
      }
    }
  }
  return hits
}

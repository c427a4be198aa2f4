/**
 * 226: no reason for placement change on a temporary placement (T0–T4), nor on the episode
 * before it (in order of start) whose end was the move into it. The temporary episode is reported.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_TEMPORARY_PLACEMENTS } from '../codes.js'
import { episodesByStart } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule226: Ssda903Rule = {
  code: '226',
  type: 'error',
  message: 'Reason for placement change is not required for temporary placements.',
  affects: [{ table: 'Episodes', fields: ['REASON_PLACE_CHANGE', 'PLACE'] }],
  check(child) {
    const episodes = episodesByStart(child.current.Episodes)
    let hits: RuleHit<Ssda903Table>[] | undefined
    episodes.forEach((e, i) => {
      if (e.PLACE === null || !SSDA903_TEMPORARY_PLACEMENTS.has(e.PLACE)) return
      const before = i > 0 ? episodes[i - 1] : undefined
      if (e.REASON_PLACE_CHANGE !== null || (before?.REASON_PLACE_CHANGE ?? null) !== null)
        (hits ??= []).push(hit('Episodes', e, ['REASON_PLACE_CHANGE', 'PLACE']))
    })
    return hits ?? NO_HITS
  },
}

/**
 * 225: an episode that ends in a change of placement records why. It applies to an episode
 * ending X1 (a new episode the same day) whose next episode, in order of start, is a change of
 * placement (RNE P, B, T or U), where neither placement is temporary (T0–T4).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_TEMPORARY_PLACEMENTS } from '../codes.js'
import { episodesByStart } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const PLACEMENT_CHANGE = new Set(['P', 'B', 'T', 'U'])
const temporary = (place: string | null) => place !== null && SSDA903_TEMPORARY_PLACEMENTS.has(place)

export const rule225: Ssda903Rule = {
  code: '225',
  type: 'error',
  message: 'Reason for placement change must be recorded.',
  affects: [{ table: 'Episodes', fields: ['REASON_PLACE_CHANGE'] }],
  check(child) {
    const episodes = episodesByStart(child.current.Episodes)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (let i = 0; i + 1 < episodes.length; i++) {
      const e = episodes[i]
      const next = episodes[i + 1]
      if (!e || !next || e.REC !== 'X1' || e.REASON_PLACE_CHANGE !== null) continue
      if (temporary(e.PLACE) || temporary(next.PLACE)) continue
      if (next.RNE !== null && PLACEMENT_CHANGE.has(next.RNE))
        (hits ??= []).push(hit('Episodes', e, ['REASON_PLACE_CHANGE']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 383: after a temporary placement (T0–T4) the child goes back to the placement they were in
 * before it. In order of start, for each temporary episode with an episode before and after it,
 * the episode after starts with RNE P and has the same PLACE and PL_POST as the one before. The
 * episode after is reported.
 *
 * Postcodes are compared without spaces and case, and two blank ones agree; the community
 * validator compares the text, so two blanks disagree there.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_TEMPORARY_PLACEMENTS } from '../codes.js'
import { episodesByStart, squeezePostcode } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule383: Ssda903Rule = {
  code: '383',
  type: 'error',
  message: 'A child in a temporary placement must subsequently return to his/her normal placement.',
  affects: [{ table: 'Episodes', fields: ['PLACE', 'RNE', 'PL_POST'] }],
  check(child) {
    const episodes = episodesByStart(child.current.Episodes)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (let i = 2; i < episodes.length; i++) {
      const before = episodes[i - 2]
      const temporary = episodes[i - 1]
      const after = episodes[i]
      if (!before || !temporary || !after) continue
      if (temporary.PLACE === null || !SSDA903_TEMPORARY_PLACEMENTS.has(temporary.PLACE)) continue
      const wrong = (['RNE', 'PLACE', 'PL_POST'] as const).filter((f) => {
        if (f === 'RNE') return after.RNE !== 'P'
        if (f === 'PLACE') return after.PLACE !== before.PLACE
        return squeezePostcode(after.text.PL_POST) !== squeezePostcode(before.text.PL_POST)
      })
      if (wrong.length > 0) (hits ??= []).push(hit('Episodes', after, wrong))
    }
    return hits ?? NO_HITS
  },
}

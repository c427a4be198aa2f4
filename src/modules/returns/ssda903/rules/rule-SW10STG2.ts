/**
 * SW10STG2: a child's social worker episodes follow one another: each (in order of start date)
 * starts no earlier than a week before the one before it ended. The week's grace is the DfE's
 * ("SW_DEC ± 7 days"); a change because a fixed-term or agency contract ended (SW_REASON FCONTA)
 * is exempt.
 *
 * The community validator also reports an episode that starts more than a week after the one
 * before ended, and one following an open episode. The DfE's message is about starting before
 * the previous episode ended, so Haven reports only that: a gap is not an overlap, and an open
 * episode followed by another is SW08STG2's finding.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { shiftDate } from '../../cin/rules/shared-dates.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { swEpisodesByStart } from './shared-sw.js'

export const ruleSW10STG2: Ssda903Rule = {
  code: 'SW10STG2',
  type: 'error',
  message:
    'A new social worker episode has started before the end date of the previous social worker episode.',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DECOM'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    const episodes = swEpisodesByStart(child.current.SWEpisodes)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (let i = 1; i < episodes.length; i++) {
      const before = episodes[i - 1]
      const sw = episodes[i]
      if (!before || !sw || before.SW_DEC === null || sw.SW_REASON === 'FCONTA') continue
      if (sw.SW_DECOM < shiftDate(before.SW_DEC, 0, 0, -7))
        (hits ??= []).push(hit('SWEpisodes', sw, ['SW_DECOM']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * SW08STG2: only a child's latest social worker episode may be open. Each earlier episode (by
 * start date) has an end date.
 *
 * Episodes without a real start date cannot be put in order and are left to SW01/SW04. An
 * unreadable end date is not a blank one, and is left to SW05STG1 (the community validator
 * reports it here as well).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { swEpisodesByStart } from './shared-sw.js'

export const ruleSW08STG2: Ssda903Rule = {
  code: 'SW08STG2',
  type: 'error',
  message: 'A new social worker episode has started, but the previous episode has not ended.',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DEC'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    const episodes = swEpisodesByStart(child.current.SWEpisodes)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (let i = 0; i < episodes.length - 1; i++) {
      const sw = episodes[i]
      if (sw && isBlank(sw, 'SW_DEC')) (hits ??= []).push(hit('SWEpisodes', sw, ['SW_DEC']))
    }
    return hits ?? NO_HITS
  },
}

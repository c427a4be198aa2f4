/**
 * SW17STG2: a child in the social worker table has a social worker at 31 March: the episode
 * that started last is open (SW_DEC blank). Episodes without a real start date cannot be put in
 * order and are left to SW01/SW04. Any text in SW_DEC counts as an end, as in the community
 * validator.
 */
import { NO_HITS, hit } from '../../engine.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { swEpisodesByStart } from './shared-sw.js'

export const ruleSW17STG2: Ssda903Rule = {
  code: 'SW17STG2',
  type: 'error',
  message: 'There is no social worker episode open at 31 March',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DEC', 'SW_DECOM'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    const episodes = swEpisodesByStart(child.current.SWEpisodes)
    const last = episodes[episodes.length - 1]
    if (!last || isBlank(last, 'SW_DEC')) return NO_HITS
    return [hit('SWEpisodes', last, ['SW_DEC', 'SW_DECOM'])]
  },
}

/**
 * 501: an episode does not start before the episode before it ended (starting the same day is
 * a continuation). Episodes are taken in the order they started; those with no readable start
 * are left out, and an episode before with no end date is left to the rules on open episodes.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, byStart, type Hits } from './support-4xx-5xx.js'

export const rule501: Ssda903Rule = {
  code: '501',
  type: 'error',
  message: 'A new episode has started before the end date of the previous episode.',
  affects: [{ table: 'Episodes', fields: ['DECOM', 'DEC'] }],
  check(child) {
    const episodes = byStart(child.current.Episodes)
    let hits: Hits | undefined
    for (let i = 1; i < episodes.length; i++) {
      const before = episodes[i - 1]!.DEC
      const e = episodes[i]!
      if (before !== null && e.DECOM < before)
        hits = add(hits, 'Episodes', e, ['DECOM'], `previous episode ended ${before}`)
    }
    return hits ?? NO_HITS
  },
}

/**
 * 431: an episode that starts a period of care (RNE S) does not begin on the day the episode
 * before it ended: that would be a continuation, not a new start. Episodes are taken in the
 * order they started; those with no readable start are left out.
 *
 * Reading: the message says "ended on the same day", so only that is reported. The community
 * validator also reports an S episode starting before the previous one ended, which is an
 * overlap and is rule 501's.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, byStart, type Hits } from './support-4xx-5xx.js'

export const rule431: Ssda903Rule = {
  code: '431',
  type: 'error',
  message:
    'The reason for new episode is started to be looked after, but the previous episode ended on the same day.',
  affects: [{ table: 'Episodes', fields: ['RNE', 'DECOM'] }],
  check(child) {
    const episodes = byStart(child.current.Episodes)
    let hits: Hits | undefined
    for (let i = 1; i < episodes.length; i++) {
      const e = episodes[i]!
      if (e.RNE === 'S' && episodes[i - 1]!.DEC === e.DECOM) hits = add(hits, 'Episodes', e, ['RNE', 'DECOM'])
    }
    return hits ?? NO_HITS
  },
}

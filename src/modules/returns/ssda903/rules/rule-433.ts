/**
 * 433: an episode that continues care (RNE P, L, T, U or B) starts the day the episode before
 * it ended. Episodes are taken in the order they started; the first has nothing before it this
 * year (it carries on from last year) and is not reported.
 *
 * Reading: an episode with no readable start is left out (other rules report its date); the
 * community validator sorts it last and reports it as not matching.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, byStart, type Hits } from './support-4xx-5xx.js'

const CONTINUING = new Set(['P', 'L', 'T', 'U', 'B'])

export const rule433: Ssda903Rule = {
  code: '433',
  type: 'error',
  message:
    'The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.',
  affects: [{ table: 'Episodes', fields: ['RNE', 'DECOM'] }],
  check(child) {
    const episodes = byStart(child.current.Episodes)
    let hits: Hits | undefined
    for (let i = 1; i < episodes.length; i++) {
      const e = episodes[i]!
      if (e.RNE !== null && CONTINUING.has(e.RNE) && episodes[i - 1]!.DEC !== e.DECOM)
        hits = add(hits, 'Episodes', e, ['RNE', 'DECOM'])
    }
    return hits ?? NO_HITS
  },
}

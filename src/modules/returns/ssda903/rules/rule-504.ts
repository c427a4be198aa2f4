/**
 * 504: the category of need stays as recorded at the start of the period of care: an episode
 * that carries straight on from the one before (which ended X1 on the day this one starts) has
 * the same CIN. Episodes are taken in the order they started; both blank counts as the same.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, byStart, type Hits } from './support-4xx-5xx.js'

export const rule504: Ssda903Rule = {
  code: '504',
  type: 'error',
  message:
    'The category of need code differs from that reported at start of current period of being looked after',
  affects: [{ table: 'Episodes', fields: ['CIN'] }],
  check(child) {
    const episodes = byStart(child.current.Episodes)
    let hits: Hits | undefined
    for (let i = 1; i < episodes.length; i++) {
      const before = episodes[i - 1]!
      const e = episodes[i]!
      if (before.REC === 'X1' && before.DEC === e.DECOM && before.CIN !== e.CIN)
        hits = add(hits, 'Episodes', e, ['CIN'], `${before.CIN ?? 'blank'} before, ${e.CIN ?? 'blank'} now`)
    }
    return hits ?? NO_HITS
  },
}

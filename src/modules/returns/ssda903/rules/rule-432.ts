/**
 * 432: after an episode that ended care (any reason other than X1), the next episode starts a
 * new period of care (RNE S); a blank RNE is reported too. Episodes are taken in the order they
 * started; those with no readable start are left out.
 */
import { NO_HITS } from '../../engine.js'
import { SSDA903_REC_LEFT_CARE as LEFT_CARE } from '../codes.js'
import type { Ssda903Rule } from '../rule.js'
import { add, byStart, type Hits } from './support-4xx-5xx.js'

export const rule432: Ssda903Rule = {
  code: '432',
  type: 'error',
  message:
    'The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.',
  affects: [{ table: 'Episodes', fields: ['RNE'] }],
  check(child) {
    const episodes = byStart(child.current.Episodes)
    let hits: Hits | undefined
    for (let i = 1; i < episodes.length; i++) {
      const before = episodes[i - 1]!.REC
      const e = episodes[i]!
      if (before !== null && LEFT_CARE.has(before) && e.RNE !== 'S') hits = add(hits, 'Episodes', e, ['RNE'])
    }
    return hits ?? NO_HITS
  },
}

/**
 * 437: after an episode that ended because the child died (E2) or was found to be 18 or over
 * (E15) there are no further episodes. Reported on the E2/E15 episode when any episode started
 * after it (or the same day, later in order); episodes with no readable start are left out.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, byStart, type Hits } from './support-4xx-5xx.js'

export const rule437: Ssda903Rule = {
  code: '437',
  type: 'error',
  message: 'Reason episode ceased is child has died or is aged 18 or over but there are further episodes.',
  affects: [{ table: 'Episodes', fields: ['REC'] }],
  check(child) {
    const episodes = byStart(child.current.Episodes)
    let hits: Hits | undefined
    for (let i = 0; i < episodes.length - 1; i++) {
      const e = episodes[i]!
      if (e.REC === 'E2' || e.REC === 'E15') hits = add(hits, 'Episodes', e, ['REC'])
    }
    return hits ?? NO_HITS
  },
}

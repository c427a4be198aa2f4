/**
 * 426: a child on short breaks is recorded either as individual episodes (V3) or as an
 * agreement (V4), not both in the same year. Every V3 and V4 episode of such a child is reported.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, type Hits } from './support-4xx-5xx.js'

export const rule426: Ssda903Rule = {
  code: '426',
  type: 'error',
  message:
    'A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.',
  affects: [{ table: 'Episodes', fields: ['LS'] }],
  check(child) {
    const episodes = child.current.Episodes
    const v3 = episodes.some((e) => e.LS === 'V3')
    const v4 = episodes.some((e) => e.LS === 'V4')
    if (!v3 || !v4) return NO_HITS
    let hits: Hits | undefined
    for (const e of episodes) if (e.LS === 'V3' || e.LS === 'V4') hits = add(hits, 'Episodes', e, ['LS'])
    return hits ?? NO_HITS
  },
}

/**
 * 432: after an episode that ended care (any reason other than X1), the next episode starts a
 * new period of care (RNE S); a blank RNE is reported too. Episodes are taken in the order they
 * started; those with no readable start are left out.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, byStart, type Hits } from './support-4xx-5xx.js'

/** The reasons an episode ceased that end care: every REC code but X1 (a new episode the same day). */
const LEFT_CARE = new Set([
  'E11',
  'E12',
  'E2',
  'E3',
  'E4A',
  'E4B',
  'E13',
  'E41',
  'E45',
  'E46',
  'E47',
  'E48',
  'E5',
  'E6',
  'E7',
  'E9',
  'E14',
  'E15',
  'E16',
  'E17',
  'E8',
])

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

/**
 * 580: a child missing on the day care ends at 18 (the missing period and the episode both end on
 * the 18th birthday) left care for "any other reason", E8.
 *
 * The DOB is the Missing row's, or the Header's when the row has none; a child born on
 * 29 February turns 18 on 1 March in a year without one. Reported on the episode.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, birthday, dobOf, type Hits } from './support-4xx-5xx.js'

export const rule580: Ssda903Rule = {
  code: '580',
  type: 'error',
  message: 'Child is missing when cease being looked after but reason episode ceased not ‘E8’.',
  affects: [
    { table: 'Episodes', fields: ['REC', 'DEC'] },
    { table: 'Missing', fields: ['MIS_END'] },
  ],
  check(child) {
    const endsAt18 = new Set<string>()
    for (const m of child.current.Missing) {
      const dob = dobOf(child, m)
      if (dob !== null && m.MIS_END !== null && m.MIS_END === birthday(dob, 18)) endsAt18.add(m.MIS_END)
    }
    if (endsAt18.size === 0) return NO_HITS
    let hits: Hits | undefined
    for (const e of child.current.Episodes) {
      if (e.DEC !== null && endsAt18.has(e.DEC) && e.REC !== 'E8') hits = add(hits, 'Episodes', e, ['REC'])
    }
    return hits ?? NO_HITS
  },
}

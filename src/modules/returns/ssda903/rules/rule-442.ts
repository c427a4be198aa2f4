/**
 * 442: a child looked after other than only on short breaks (any episode whose legal status is
 * not V3 or V4, blank included) has a UPN (a real one or an UN code). Reported on the Header.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, type Hits } from './support-4xx-5xx.js'

export const rule442: Ssda903Rule = {
  code: '442',
  type: 'error',
  message: 'Unique Pupil Number (UPN) field is not completed.',
  affects: [
    { table: 'Header', fields: ['UPN'] },
    { table: 'Episodes', fields: ['LS'] },
  ],
  check(child) {
    if (!child.current.Episodes.some((e) => e.LS !== 'V3' && e.LS !== 'V4')) return NO_HITS
    let hits: Hits | undefined
    for (const h of child.current.Header) if (h.UPN === null) hits = add(hits, 'Header', h, ['UPN'])
    return hits ?? NO_HITS
  },
}

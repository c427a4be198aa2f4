/**
 * 709: while a DoLO is in force, a child is expected to be placed in a children's home (K2) or
 * one of the other placements Z12 or Z13.
 *
 * The community validator reads a `PLACEMENT` column that Episodes does not have; the DfE's
 * placement type is PLACE, which Haven reads. See `shared-dolo.ts` for which DoLOs and episodes
 * are compared. A blank placement type is reported (it is not one expected).
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { doloPlacementHits } from './shared-dolo.js'

const EXPECTED = new Set(['K2', 'Z12', 'Z13'])

export const rule709: Ssda903Rule = {
  code: '709',
  type: 'error',
  message: 'Child with a DoLO is in an unexpected placement type.',
  affects: [
    { table: 'DoLo', fields: ['DOLO_START'] },
    { table: 'Episodes', fields: ['PLACE'] },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('DoLo') || !supplied.has('Episodes')) return NO_HITS
    return doloPlacementHits(child, (place) => place === null || !EXPECTED.has(place)) ?? NO_HITS
  },
}

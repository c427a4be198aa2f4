/**
 * 710: while a DoLO is in force, a child cannot be placed in a secure children's home (K1),
 * with parents (P1), in a young offender institution (R5) or in supported accommodation (K3).
 *
 * The community validator reads a `PLACEMENT` column that Episodes does not have; Haven reads
 * PLACE. See `shared-dolo.ts` for which DoLOs and episodes are compared.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { doloPlacementHits } from './shared-dolo.js'

const NOT_ALLOWED = new Set(['K1', 'P1', 'R5', 'K3'])

export const rule710: Ssda903Rule = {
  code: '710',
  type: 'error',
  message:
    "Child with a DoLO can not be placed in secure children's homes, with parents, young offender institutions, or supported accommodation.",
  affects: [
    { table: 'DoLo', fields: ['DOLO_START'] },
    { table: 'Episodes', fields: ['PLACE'] },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('DoLo') || !supplied.has('Episodes')) return NO_HITS
    return doloPlacementHits(child, (place) => place !== null && NOT_ALLOWED.has(place)) ?? NO_HITS
  },
}

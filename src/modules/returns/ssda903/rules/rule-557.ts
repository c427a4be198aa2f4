/**
 * 557: a child placed for adoption (A3–A6) or under a placement order (E1) who left care other
 * than by adoption (a reason other than E11, E12 or X1) has the reversal of the decision
 * recorded: a PlacedAdoption row with both DATE_PLACED_CEASED and REASON_PLACED_CEASED.
 * Reported on such an episode, and on each decision row missing either. Nothing is done when
 * the PlacedAdoption file was not supplied.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { ADOPTED, add, isAdoptionPlacement, type Hits } from './support-4xx-5xx.js'

export const rule557: Ssda903Rule = {
  code: '557',
  type: 'error',
  message:
    'Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.',
  affects: [
    { table: 'Episodes', fields: ['PLACE', 'LS', 'REC'] },
    { table: 'PlacedAdoption', fields: ['DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'] },
  ],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('PlacedAdoption')) return NO_HITS
    const left = child.current.Episodes.filter(
      (e) =>
        (isAdoptionPlacement(e) || e.LS === 'E1') && e.REC !== null && e.REC !== 'X1' && !ADOPTED.has(e.REC),
    )
    if (left.length === 0) return NO_HITS
    const incomplete = child.current.PlacedAdoption.filter(
      (p) => isBlank(p, 'DATE_PLACED_CEASED') || isBlank(p, 'REASON_PLACED_CEASED'),
    )
    if (child.current.PlacedAdoption.length > 0 && incomplete.length === 0) return NO_HITS
    let hits: Hits | undefined
    for (const e of left) hits = add(hits, 'Episodes', e, ['REC'])
    for (const p of incomplete)
      hits = add(hits, 'PlacedAdoption', p, ['DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'])
    return hits ?? NO_HITS
  },
}

/**
 * 558: a child adopted this year (E11, E12) whose decisions to place for adoption include
 * earlier ones that were reversed has the latest decision not reversed (no DATE_PLACED_CEASED).
 * Reported on the adoption episode.
 *
 * Reading: the DfE defines the rule for a child with more than one decision; with a single,
 * reversed decision, rule 525 reports it. The community validator counts the reversal dates
 * rather than finding the latest decision, so it misses a child whose latest decision is
 * reversed when an earlier one was not.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { ADOPTED, add, latestDecision, type Hits } from './support-4xx-5xx.js'

export const rule558: Ssda903Rule = {
  code: '558',
  type: 'error',
  message:
    'If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.',
  affects: [
    { table: 'Episodes', fields: ['REC'] },
    { table: 'PlacedAdoption', fields: ['DATE_PLACED_CEASED'] },
  ],
  check(child) {
    if (child.current.PlacedAdoption.length < 2) return NO_HITS
    const latest = latestDecision(child.current.PlacedAdoption)
    if (latest === null || isBlank(latest, 'DATE_PLACED_CEASED')) return NO_HITS
    let hits: Hits | undefined
    for (const e of child.current.Episodes)
      if (e.REC !== null && ADOPTED.has(e.REC)) hits = add(hits, 'Episodes', e, ['REC'])
    return hits ?? NO_HITS
  },
}

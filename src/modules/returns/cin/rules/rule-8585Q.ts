/**
 * 8585Q: an episode closed because the child died (RC2) while the child has no date of death.
 * Reported on the child's identifiers and on each such episode. A date of death that cannot be
 * read counts as none.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

const DIED = 'RC2'

export const rule8585Q: CinRule = {
  code: '8585Q',
  type: 'query',
  message:
    'Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death',
  affects: [
    { table: 'CINdetails', fields: ['ReasonForClosure'] },
    { table: 'ChildIdentifiers', fields: ['PersonDeathDate'] },
  ],
  check(child) {
    if (child.PersonDeathDate !== null) return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.ReasonForClosure !== DIED) continue
      hits ??= [hit('ChildIdentifiers', child, ['PersonDeathDate'])]
      hits.push(hit('CINdetails', episode, ['ReasonForClosure']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 2991Q: a section 47 enquiry is expected to follow an assessment on the same episode. Each
 * enquiry on an episode with no assessment is reported.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule2991Q: CinRule = {
  code: '2991Q',
  type: 'query',
  message:
    'Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode',
  affects: [{ table: 'Section47', fields: ['CINdetailsID'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.assessments.length > 0) continue
      for (const s of episode.section47s) (hits ??= []).push(hit('Section47', s, ['CINdetailsID']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 8867: a closed episode (a readable closure date) cannot hold an assessment without an
 * authorisation date. Reported on the episode and on each such assessment.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8867: CinRule = {
  code: '8867',
  type: 'error',
  message: 'CIN episode is shown as closed, however Assessment is not shown as completed',
  affects: [
    { table: 'CINdetails', fields: ['CINclosureDate'] },
    { table: 'Assessments', fields: ['AssessmentAuthorisationDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.CINclosureDate === null) continue
      let episodeReported = false
      for (const a of episode.assessments) {
        if (a.AssessmentAuthorisationDate !== null) continue
        hits ??= []
        if (!episodeReported) hits.push(hit('CINdetails', episode, ['CINclosureDate']))
        episodeReported = true
        hits.push(hit('Assessments', a, ['AssessmentAuthorisationDate']))
      }
    }
    return hits ?? NO_HITS
  },
}

/**
 * 8614: factors identified at assessment belong to completed assessments: an assessment with no
 * authorisation date (blank or unreadable) must have no AssessmentFactors elements. A factor
 * element that is itself blank still counts as present, as in the DfE validator.
 *
 * Where the reference validator is wrong: it builds its finding identifiers from the list of
 * factors read from XML, which cannot be grouped, so the rule fails and reports nothing on any
 * real file with factors. Haven reports what the rule describes.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8614: CinRule = {
  code: '8614',
  type: 'error',
  message: 'Parental or child factors at assessment should only be present for a completed assessment.',
  affects: [{ table: 'Assessments', fields: ['AssessmentAuthorisationDate', 'AssessmentFactors'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const a of episode.assessments) {
        if (a.AssessmentAuthorisationDate === null && a.factors.length > 0) {
          ;(hits ??= []).push(hit('Assessments', a, ['AssessmentAuthorisationDate', 'AssessmentFactors']))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

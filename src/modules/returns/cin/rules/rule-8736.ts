/**
 * 8736: an assessment not yet completed (no readable authorisation date) must have started
 * within the census year. A missing or unreadable start date on an open assessment is reported
 * too, as in the DfE validator.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import { inCensusYear, type CinRule } from '../rule.js'

export const rule8736: CinRule = {
  code: '8736',
  type: 'error',
  message: 'For an Assessment that has not been completed, the start date must fall within the census year',
  affects: [{ table: 'Assessments', fields: ['AssessmentAuthorisationDate', 'AssessmentActualStartDate'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const a of episode.assessments) {
        if (a.AssessmentAuthorisationDate !== null) continue
        const start = a.AssessmentActualStartDate
        if (start !== null && inCensusYear(start, ctx)) continue
        ;(hits ??= []).push(
          hit('Assessments', a, ['AssessmentAuthorisationDate', 'AssessmentActualStartDate']),
        )
      }
    }
    return hits ?? NO_HITS
  },
}

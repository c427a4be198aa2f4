/** 8608: an assessment cannot be authorised (ended) before it started. Blank dates are other rules' business. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8608: CinRule = {
  code: '8608',
  type: 'error',
  message: 'Assessment Start Date cannot be later than its End Date',
  affects: [{ table: 'Assessments', fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const a of episode.assessments) {
        const start = a.AssessmentActualStartDate
        const end = a.AssessmentAuthorisationDate
        if (start === null || end === null || start <= end) continue
        const detail = `started ${start}, authorised ${end}`
        ;(hits ??= []).push(
          hit('Assessments', a, ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'], detail),
        )
      }
    }
    return hits ?? NO_HITS
  },
}

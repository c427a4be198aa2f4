/** 8696: an assessment's authorisation (end) date, when given, must fall within the census year. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import { inCensusYear, type CinRule } from '../rule.js'

export const rule8696: CinRule = {
  code: '8696',
  type: 'error',
  message: 'Assessment end date must fall within the census year',
  affects: [{ table: 'Assessments', fields: ['AssessmentAuthorisationDate'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const a of episode.assessments) {
        const end = a.AssessmentAuthorisationDate
        if (end !== null && !inCensusYear(end, ctx)) {
          ;(hits ??= []).push(hit('Assessments', a, ['AssessmentAuthorisationDate'], `authorised ${end}`))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

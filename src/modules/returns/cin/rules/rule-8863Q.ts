/**
 * 8863Q: within one episode, an assessment should not start while another is under way: on or
 * after the other's start and on or before its authorisation date or, if it has none, the
 * reference date. Both assessments are reported. Assessments without a readable start date take
 * no part, and two assessments with the same start and end dates are not compared with each other
 * (the DfE validator cannot tell them from the same assessment).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Assessment, CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { rowsInFailingPairs } from './shared-pairs.js'

function startsDuring(later: Assessment, earlier: Assessment, referenceDate: string): boolean {
  const start = later.AssessmentActualStartDate
  const otherStart = earlier.AssessmentActualStartDate
  if (start === null || otherStart === null || start < otherStart) return false
  const otherEnd = earlier.AssessmentAuthorisationDate
  if (start === otherStart && later.AssessmentAuthorisationDate === otherEnd) return false
  return start <= (otherEnd ?? referenceDate)
}

export const rule8863Q: CinRule = {
  code: '8863Q',
  type: 'query',
  message: 'An Assessment is shown as starting when there is another Assessment ongoing.',
  affects: [{ table: 'Assessments', fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const overlapping = rowsInFailingPairs(episode.assessments, (a, b) =>
        startsDuring(a, b, ctx.referenceDate),
      )
      for (const row of overlapping)
        (hits ??= []).push(
          hit('Assessments', row, ['AssessmentActualStartDate', 'AssessmentAuthorisationDate']),
        )
    }
    return hits ?? NO_HITS
  },
}

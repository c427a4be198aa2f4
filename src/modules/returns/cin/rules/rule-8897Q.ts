/**
 * 8897Q: an assessment authorised on or after the start of the census year should list at least
 * one factor identified at assessment, each a valid code. An assessment with no factors, or with
 * a blank or unknown factor, is queried. Codes are compared exactly as written (trimmed).
 *
 * Where the reference validator is wrong: it matches factors to assessments by the assessment's
 * position within its episode but not by episode, so an assessment can be queried for the
 * factors of the same-numbered assessment in another of the child's episodes. And it builds its
 * finding identifiers from the list of factors read from XML, which cannot be grouped, so on a
 * real file the rule fails and reports nothing. Haven looks at each assessment's own factors.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { ASSESSMENT_FACTORS } from '../codes.js'
import type { Assessment, CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

function factorsWanting(a: Assessment): boolean {
  if (a.factors.length === 0) return true
  for (const f of a.factors) {
    if (f.AssessmentFactors === null || !ASSESSMENT_FACTORS.has(f.AssessmentFactors)) return true
  }
  return false
}

export const rule8897Q: CinRule = {
  code: '8897Q',
  type: 'query',
  message: 'Parental or child factors at assessment information is missing from a completed assessment',
  affects: [{ table: 'Assessments', fields: ['AssessmentAuthorisationDate', 'AssessmentFactors'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const a of episode.assessments) {
        const end = a.AssessmentAuthorisationDate
        if (end === null || end < ctx.collectionStart || !factorsWanting(a)) continue
        ;(hits ??= []).push(hit('Assessments', a, ['AssessmentAuthorisationDate', 'AssessmentFactors']))
      }
    }
    return hits ?? NO_HITS
  },
}

/**
 * 8869: factor 21 ("no factors identified") can only be used alone: an assessment with 21 and
 * any other factor code is reported. Blank factor elements are not codes.
 *
 * Where the reference validator is wrong: it compares the whole list of an assessment's factors
 * with the text "21", which a list read from XML never equals, so it never reports anything on a
 * real file (its own test feeds it one factor per row). Haven applies the DfE's rule to each
 * assessment's factors.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { NO_FACTORS_IDENTIFIED } from '../codes.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8869: CinRule = {
  code: '8869',
  type: 'error',
  message:
    'The assessment factors code “21” cannot be used in conjunction with any other assessment factors.',
  affects: [{ table: 'Assessments', fields: ['AssessmentFactors'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const a of episode.assessments) {
        const factors = a.AssessmentFactors
        if (factors.length < 2 || !factors.includes(NO_FACTORS_IDENTIFIED)) continue
        if (factors.some((f) => f !== NO_FACTORS_IDENTIFIED)) {
          ;(hits ??= []).push(hit('Assessments', a, ['AssessmentFactors'], `factors ${factors.join(', ')}`))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

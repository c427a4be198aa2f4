/**
 * 8945Q: factor 18A (physical abuse) is still accepted but should be 18B (child on child) or
 * 18C (adult on child). Compared without regard to case, as the reference validator does.
 *
 * The reference validator tests the Assessments table's factor column, which its reader fills
 * with a list per assessment, so as written it never fires on XML input; Haven follows the
 * rule's stated intent and reports every assessment listing 18A.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

/** A query rule for an assessment factor that should be split into its newer codes. */
export function retiredFactorRule(code: '8945Q' | '8950Q', factor: string, message: string): CinRule {
  const upper = factor.toUpperCase()
  const lower = factor.toLowerCase()
  return {
    code,
    type: 'query',
    message,
    affects: [{ table: 'Assessments', fields: ['AssessmentFactors'] }],
    check(child) {
      let hits: RuleHit<CinTable>[] | undefined
      for (const episode of child.cinDetails) {
        for (const assessment of episode.assessments) {
          for (const f of assessment.AssessmentFactors) {
            if (f === upper || f === lower || (f.length === upper.length && f.toUpperCase() === upper)) {
              ;(hits ??= []).push(hit('Assessments', assessment, ['AssessmentFactors']))
              break
            }
          }
        }
      }
      return hits ?? NO_HITS
    },
  }
}

export const rule8945Q: CinRule = retiredFactorRule(
  '8945Q',
  '18A',
  "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)",
)

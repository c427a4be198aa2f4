/**
 * 8898: an assessment cannot list the same factor twice. The assessment is reported once,
 * with the repeated codes. Codes are compared as trimmed, case as written.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8898: CinRule = {
  code: '8898',
  type: 'error',
  message: 'The assessment has more than one parental or child factors with the same code',
  affects: [{ table: 'Assessments', fields: ['AssessmentFactors'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const assessment of episode.assessments) {
        const codes = assessment.AssessmentFactors
        if (codes.length < 2) continue
        let repeated: string[] | undefined
        for (let i = 1; i < codes.length; i++) {
          const code = codes[i] as string
          if (codes.indexOf(code) < i && !repeated?.includes(code)) (repeated ??= []).push(code)
        }
        if (repeated) {
          ;(hits ??= []).push(
            hit('Assessments', assessment, ['AssessmentFactors'], `repeated: ${repeated.join(', ')}`),
          )
        }
      }
    }
    return hits ?? NO_HITS
  },
}

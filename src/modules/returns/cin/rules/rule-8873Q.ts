/**
 * 8873Q: when an episode has exactly one assessment and that assessment uses factor 21 ("no
 * factors identified"), the episode's reason for closure should be RC8 or RC9 (closed after
 * assessment). As in the DfE validator, this is asked whether or not the assessment is
 * authorised or the episode closed, and a factor counts as 21 when its code contains "21"
 * (as "21 No factors identified" does). Reported on the assessment and on the episode.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { CLOSED_AFTER_ASSESSMENT, NO_FACTORS_IDENTIFIED } from '../codes.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8873Q: CinRule = {
  code: '8873Q',
  type: 'query',
  message:
    "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
  affects: [
    { table: 'Assessments', fields: ['AssessmentFactors'] },
    { table: 'CINdetails', fields: ['ReasonForClosure'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const only = episode.assessments.length === 1 ? episode.assessments[0] : undefined
      if (only === undefined || !only.AssessmentFactors.some((f) => f.includes(NO_FACTORS_IDENTIFIED)))
        continue
      const reason = episode.ReasonForClosure
      if (reason !== null && CLOSED_AFTER_ASSESSMENT.has(reason)) continue
      hits ??= []
      hits.push(hit('Assessments', only, ['AssessmentFactors']))
      hits.push(hit('CINdetails', episode, ['ReasonForClosure']))
    }
    return hits ?? NO_HITS
  },
}

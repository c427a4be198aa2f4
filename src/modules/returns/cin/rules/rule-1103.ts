/**
 * 1103: an assessment cannot start before the referral it belongs to. Reported on the
 * assessment and on its episode, as the DfE validators do; blank dates are left to other rules.
 */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule1103: CinRule = {
  code: '1103',
  type: 'error',
  message: 'The assessment start date cannot be before the referral date',
  affects: [
    { table: 'Assessments', fields: ['AssessmentActualStartDate'] },
    { table: 'CINdetails', fields: ['CINreferralDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      if (referral === null) continue
      for (const a of episode.assessments) {
        const start = a.AssessmentActualStartDate
        if (start === null || start >= referral) continue
        const detail = `assessment started ${start}, referral ${referral}`
        hits = hitOnce(hits, 'Assessments', a, ['AssessmentActualStartDate'], detail)
        hits = hitOnce(hits, 'CINdetails', episode, ['CINreferralDate'])
      }
    }
    return hits ?? NO_HITS
  },
}

/**
 * 1104: the initial child protection conference recorded on a section 47 enquiry cannot be
 * before the referral. Reported on the enquiry and its episode; the conference date on the
 * episode itself is not in this rule (the reference validator leaves it out too).
 */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule1104: CinRule = {
  code: '1104',
  type: 'error',
  message: 'The date of the initial child protection conference cannot be before the referral date',
  affects: [
    { table: 'Section47', fields: ['DateOfInitialCPC'] },
    { table: 'CINdetails', fields: ['CINreferralDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      if (referral === null) continue
      for (const s47 of episode.section47s) {
        const icpc = s47.DateOfInitialCPC
        if (icpc === null || icpc >= referral) continue
        hits = hitOnce(
          hits,
          'Section47',
          s47,
          ['DateOfInitialCPC'],
          `conference ${icpc}, referral ${referral}`,
        )
        hits = hitOnce(hits, 'CINdetails', episode, ['CINreferralDate'])
      }
    }
    return hits ?? NO_HITS
  },
}

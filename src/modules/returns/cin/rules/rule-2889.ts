/** 2889: a section 47 enquiry cannot start before the referral. Reported on the enquiry and its episode. */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule2889: CinRule = {
  code: '2889',
  type: 'error',
  message: 'The S47 start date cannot be before the referral date.',
  affects: [
    { table: 'Section47', fields: ['S47ActualStartDate'] },
    { table: 'CINdetails', fields: ['CINreferralDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      if (referral === null) continue
      for (const s47 of episode.section47s) {
        const start = s47.S47ActualStartDate
        if (start === null || start >= referral) continue
        const detail = `enquiry started ${start}, referral ${referral}`
        hits = hitOnce(hits, 'Section47', s47, ['S47ActualStartDate'], detail)
        hits = hitOnce(hits, 'CINdetails', episode, ['CINreferralDate'])
      }
    }
    return hits ?? NO_HITS
  },
}

/** 4000: a referral with no further action cannot have a CIN plan. The plans and the episode are reported. */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule4000: CinRule = {
  code: '4000',
  type: 'error',
  message: 'CIN Plan details provided for a referral with no further action',
  affects: [
    { table: 'CINplanDates', fields: ['CINPlanStartDate'] },
    { table: 'CINdetails', fields: ['ReferralNFA'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.ReferralNFA !== true || episode.cinPlans.length === 0) continue
      for (const plan of episode.cinPlans) hits = hitOnce(hits, 'CINplanDates', plan, ['CINPlanStartDate'])
      hits = hitOnce(hits, 'CINdetails', episode, ['ReferralNFA'])
    }
    return hits ?? NO_HITS
  },
}

/** 4015: a CIN plan cannot start before its episode's referral. The plan and the episode are reported. */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule4015: CinRule = {
  code: '4015',
  type: 'error',
  message: 'The CIN Plan start date cannot be before the referral date',
  affects: [
    { table: 'CINplanDates', fields: ['CINPlanStartDate'] },
    { table: 'CINdetails', fields: ['CINreferralDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      if (referral === null) continue
      for (const plan of episode.cinPlans) {
        const start = plan.CINPlanStartDate
        if (start === null || start >= referral) continue
        const detail = `plan started ${start}, referral ${referral}`
        hits = hitOnce(hits, 'CINplanDates', plan, ['CINPlanStartDate'], detail)
        hits = hitOnce(hits, 'CINdetails', episode, ['CINreferralDate'])
      }
    }
    return hits ?? NO_HITS
  },
}

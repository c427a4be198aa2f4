/** 1105: a child protection plan cannot start before the referral. Reported on the plan and its episode. */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule1105: CinRule = {
  code: '1105',
  type: 'error',
  message: 'The child protection plan start date cannot be before the referral date',
  affects: [
    { table: 'ChildProtectionPlans', fields: ['CPPstartDate'] },
    { table: 'CINdetails', fields: ['CINreferralDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      if (referral === null) continue
      for (const plan of episode.childProtectionPlans) {
        const start = plan.CPPstartDate
        if (start === null || start >= referral) continue
        const detail = `plan started ${start}, referral ${referral}`
        hits = hitOnce(hits, 'ChildProtectionPlans', plan, ['CPPstartDate'], detail)
        hits = hitOnce(hits, 'CINdetails', episode, ['CINreferralDate'])
      }
    }
    return hits ?? NO_HITS
  },
}

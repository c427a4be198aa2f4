/** 8630: an episode cannot close before its referral; closing on the day of the referral is allowed. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8630: CinRule = {
  code: '8630',
  type: 'error',
  message: 'CIN Closure Date is before CIN Referral Date for the same CIN episode',
  affects: [{ table: 'CINdetails', fields: ['CINreferralDate', 'CINclosureDate'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      const closed = episode.CINclosureDate
      if (referral === null || closed === null || closed >= referral) continue
      const detail = `referred ${referral}, closed ${closed}`
      ;(hits ??= []).push(hit('CINdetails', episode, ['CINreferralDate', 'CINclosureDate'], detail))
    }
    return hits ?? NO_HITS
  },
}

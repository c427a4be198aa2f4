/**
 * 8816: an open episode that went on to further action (no closure date, ReferralNFA false or 0)
 * must be the child's latest referral. Each such episode that is not the latest is reported,
 * with the latest episode beside it (the one it should have been). Episodes with no readable
 * referral date take no part. When two episodes share the latest date the first in the file
 * counts as the latest, as in the DfE validator.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinDetails, CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8816: CinRule = {
  code: '8816',
  type: 'error',
  message:
    'An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.',
  affects: [{ table: 'CINdetails', fields: ['CINreferralDate', 'ReferralNFA'] }],
  check(child) {
    const episodes = child.cinDetails
    if (episodes.length < 2) return NO_HITS
    let latest: CinDetails | undefined
    for (const e of episodes) {
      const referral = e.CINreferralDate
      if (referral !== null && (latest === undefined || referral > (latest.CINreferralDate as string)))
        latest = e
    }
    if (latest === undefined) return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (const e of episodes) {
      if (e === latest || e.CINreferralDate === null || e.CINclosureDate !== null || e.ReferralNFA !== false)
        continue
      const detail = `referred ${e.CINreferralDate}, latest referral ${latest.CINreferralDate}`
      ;(hits ??= []).push(hit('CINdetails', e, ['CINreferralDate', 'ReferralNFA'], detail))
    }
    if (hits) hits.push(hit('CINdetails', latest, ['CINreferralDate']))
    return hits ?? NO_HITS
  },
}

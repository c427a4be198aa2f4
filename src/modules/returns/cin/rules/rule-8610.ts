/**
 * 8610: primary need is required once a referral goes on to further action (ReferralNFA false
 * or 0). A blank or unreadable flag is rule 8568's business, so it does not trigger this rule.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8610: CinRule = {
  code: '8610',
  type: 'error',
  message: 'Primary Need code is missing for a referral which led to further action.',
  affects: [{ table: 'CINdetails', fields: ['ReferralNFA', 'PrimaryNeedCode'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.ReferralNFA === false && episode.PrimaryNeedCode === null) {
        ;(hits ??= []).push(hit('CINdetails', episode, ['ReferralNFA', 'PrimaryNeedCode']))
      }
    }
    return hits ?? NO_HITS
  },
}

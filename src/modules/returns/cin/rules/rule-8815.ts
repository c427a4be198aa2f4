/**
 * 8815: a child can have only one open episode (no closure date) that went on to further action
 * (ReferralNFA false or 0); any number of open referrals with no further action are allowed.
 * When there are two or more, every open episode of the child is reported, as the DfE validator
 * reports them. A closure date that cannot be read counts as open.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8815: CinRule = {
  code: '8815',
  type: 'error',
  message:
    'More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.',
  affects: [{ table: 'CINdetails', fields: ['ReferralNFA', 'CINclosureDate'] }],
  check(child) {
    let open = 0
    for (const episode of child.cinDetails) {
      if (episode.CINclosureDate === null && episode.ReferralNFA === false) open += 1
    }
    if (open < 2) return NO_HITS
    const hits: RuleHit<CinTable>[] = []
    for (const episode of child.cinDetails) {
      if (episode.CINclosureDate === null) hits.push(hit('CINdetails', episode, ['CINclosureDate']))
    }
    return hits
  },
}

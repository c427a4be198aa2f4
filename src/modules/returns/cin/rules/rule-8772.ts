/**
 * 8772: UPN unknown reason UN7 ("referral with no further action") fits only a child whose every
 * episode is a referral with no further action. Reported on the child's identifiers and on each
 * episode whose flag is not true or 1 (blank included, as in the DfE validator).
 *
 * The reference validator also reports a UN7 child with no episodes at all (its join leaves an
 * empty episode that fails the test). Haven does not: with no episodes, no referral went on to
 * further action; rule 8590 reports the missing episode.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8772: CinRule = {
  code: '8772',
  type: 'error',
  message:
    'UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action',
  affects: [
    { table: 'ChildIdentifiers', fields: ['UPNunknown'] },
    { table: 'CINdetails', fields: ['ReferralNFA'] },
  ],
  check(child) {
    if (child.UPNunknown !== 'UN7') return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.ReferralNFA === true) continue
      hits ??= [hit('ChildIdentifiers', child, ['UPNunknown'])]
      hits.push(hit('CINdetails', episode, ['ReferralNFA']))
    }
    return hits ?? NO_HITS
  },
}

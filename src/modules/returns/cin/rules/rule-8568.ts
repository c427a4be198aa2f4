/**
 * 8568: every episode needs a readable "referral with no further action" flag. Haven accepts
 * true/false/1/0 in any case, with surrounding spaces (as xs:boolean does); the reference
 * validator does not trim, so it would also flag " true ". Haven follows the schema.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8568: CinRule = {
  code: '8568',
  type: 'error',
  message: 'RNFA flag is missing or invalid',
  affects: [{ table: 'CINdetails', fields: ['ReferralNFA'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.ReferralNFA === null) (hits ??= []).push(hit('CINdetails', episode, ['ReferralNFA']))
    }
    return hits ?? NO_HITS
  },
}

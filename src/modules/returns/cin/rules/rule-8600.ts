/**
 * 8600: a referral date must be given and on or before the end of the census year. A date that
 * cannot be read counts as missing. Referrals before the year are allowed (open cases carry over).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8600: CinRule = {
  code: '8600',
  type: 'error',
  message: 'Child referral date missing or after data collection period',
  affects: [{ table: 'CINdetails', fields: ['CINreferralDate'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      if (referral === null || referral > ctx.collectionEnd) {
        ;(hits ??= []).push(hit('CINdetails', episode, ['CINreferralDate']))
      }
    }
    return hits ?? NO_HITS
  },
}

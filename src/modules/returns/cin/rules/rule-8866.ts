/**
 * 8866: a referral made on or after 1 April 2013 needs a referral source from the DfE's list.
 * Episodes with no readable referral date are left to rule 8600.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { REFERRAL_SOURCE } from '../codes.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

/** Referral source became mandatory for referrals from this day. */
const SOURCE_REQUIRED_FROM = '2013-04-01'

export const rule8866: CinRule = {
  code: '8866',
  type: 'error',
  message: 'Source of Referral is missing or an invalid code',
  affects: [{ table: 'CINdetails', fields: ['CINreferralDate', 'ReferralSource'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      if (referral === null || referral < SOURCE_REQUIRED_FROM) continue
      const source = episode.ReferralSource
      if (source !== null && REFERRAL_SOURCE.has(source)) continue
      ;(hits ??= []).push(hit('CINdetails', episode, ['CINreferralDate', 'ReferralSource']))
    }
    return hits ?? NO_HITS
  },
}

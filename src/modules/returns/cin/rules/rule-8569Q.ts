/**
 * 8569Q: a referral made before the census year (less one working day) was open when the year
 * began, so it cannot be a referral with no further action. The flag must be false; blank or
 * true is queried.
 *
 * Where the reference validator is wrong: it takes "1 April minus one working day" with its
 * inclusive working-day offset, which subtracts nothing (and moves a 1 April that is not a
 * working day forward), so it queries referrals made on the last working day before the year,
 * and in 2024/25 even those of 1 April 2024 itself. Haven subtracts one working day, as the
 * DfE's rule says: for 2025/26 a referral on 31 March 2025 passes, one on 30 March is queried.
 * Haven also reads the flag as the model parses it (any case); the reference accepts only
 * lower-case "false" and "0" here.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { workingDaysBefore } from './shared-dates.js'

export const rule8569Q: CinRule = {
  code: '8569Q',
  type: 'query',
  message:
    'A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case',
  affects: [{ table: 'CINdetails', fields: ['CINreferralDate', 'ReferralNFA'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      if (referral === null || referral >= ctx.collectionStart || episode.ReferralNFA === false) continue
      const earliest = workingDaysBefore(ctx.calendar, ctx.collectionStart, 1)
      if (referral < earliest) {
        const detail = `referred ${referral}, before ${earliest}`
        ;(hits ??= []).push(hit('CINdetails', episode, ['CINreferralDate', 'ReferralNFA'], detail))
      }
    }
    return hits ?? NO_HITS
  },
}

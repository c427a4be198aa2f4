/**
 * 8606: a referral cannot be more than 40 weeks (280 days) before the child's date of birth, or
 * before the expected date of birth of an unborn child. Exactly 280 days before is allowed.
 * Reported on the episode and on the child's identifiers.
 */
import { addCalendarDays } from '../../../../platform/calendar/dates.js'
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

const FORTY_WEEKS = 280

export const rule8606: CinRule = {
  code: '8606',
  type: 'error',
  message: 'Child referral date is more than 40 weeks before DOB or expected DOB',
  affects: [
    { table: 'CINdetails', fields: ['CINreferralDate'] },
    { table: 'ChildIdentifiers', fields: ['PersonBirthDate', 'ExpectedPersonBirthDate'] },
  ],
  check(child) {
    const birth = child.PersonBirthDate
    const expected = child.ExpectedPersonBirthDate
    if (birth === null && expected === null) return NO_HITS
    const fromBirth = birth === null ? null : addCalendarDays(birth, -FORTY_WEEKS)
    const fromExpected = expected === null ? null : addCalendarDays(expected, -FORTY_WEEKS)
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      if (referral === null) continue
      const early =
        (fromBirth !== null && referral < fromBirth) || (fromExpected !== null && referral < fromExpected)
      if (!early) continue
      hits ??= []
      hits.push(hit('CINdetails', episode, ['CINreferralDate'], `referred ${referral}`))
    }
    if (hits) hits.push(hit('ChildIdentifiers', child, ['PersonBirthDate', 'ExpectedPersonBirthDate']))
    return hits ?? NO_HITS
  },
}

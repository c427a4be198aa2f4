/**
 * 8770Q: a child of school age with a referral that went on to further action should have a UPN,
 * or a reason for having none other than UN1 ("child is not of school age"). School age is
 * taken as the DfE validator takes it: born on or before 31 August six years before the August
 * after the reference date (for 2025/26, born on or before 31 August 2020). A reason code is
 * accepted in any case ("un2"), as the DfE validator accepts it; blank or unknown reasons are
 * queried.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'
import { shiftDate } from './shared-dates.js'

const REASONS_FOR_SCHOOL_AGE: ReadonlySet<string> = new Set(['UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7'])

export const rule8770Q: CinRule = {
  code: '8770Q',
  type: 'query',
  message:
    'Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.',
  affects: [{ table: 'ChildIdentifiers', fields: ['UPN', 'UPNunknown', 'PersonBirthDate'] }],
  check(child, ctx) {
    if (child.UPN !== null) return NO_HITS
    const reason = child.UPNunknown
    if (reason !== null && REASONS_FOR_SCHOOL_AGE.has(reason.toUpperCase())) return NO_HITS
    const birth = child.PersonBirthDate
    if (birth === null || !child.cinDetails.some((e) => e.ReferralNFA === false)) return NO_HITS
    // The reference date, four months and 31 days on (31 August), six years back.
    const bornBy = shiftDate(shiftDate(ctx.referenceDate, 0, 4, 31), -6)
    if (birth > bornBy) return NO_HITS
    return [hit('ChildIdentifiers', child, ['UPN', 'UPNunknown'], `born ${birth}`)]
  },
}

/**
 * 8540: a child who has been born and has a referral going on to further action needs valid
 * disability codes (NONE when there is no disability). Reported when such a child has no
 * Disability at all or any blank or invalid one: on the child, on each bad Disability row and
 * on each referral that went on to further action, as in the reference validator.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { DISABILITY } from '../codes.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8540: CinRule = {
  code: '8540',
  type: 'error',
  message: 'Child’s disability is missing or invalid (see Disability table)',
  affects: [
    { table: 'ChildIdentifiers', fields: ['PersonBirthDate'] },
    { table: 'Disabilities', fields: ['Disability'] },
    { table: 'CINdetails', fields: ['ReferralNFA'] },
  ],
  check(child) {
    if (child.PersonBirthDate === null) return NO_HITS
    if (!child.cinDetails.some((e) => e.ReferralNFA === false)) return NO_HITS
    const none = child.disabilities.length === 0
    if (!none && child.disabilities.every((d) => d.Disability !== null && DISABILITY.has(d.Disability))) {
      return NO_HITS
    }
    const hits: RuleHit<CinTable>[] = [
      hit('ChildIdentifiers', child, ['PersonBirthDate'], none ? 'no disability given' : undefined),
    ]
    for (const d of child.disabilities) {
      if (d.Disability === null || !DISABILITY.has(d.Disability))
        hits.push(hit('Disabilities', d, ['Disability']))
    }
    for (const e of child.cinDetails)
      if (e.ReferralNFA === false) hits.push(hit('CINdetails', e, ['ReferralNFA']))
    return hits
  },
}

/**
 * 8820: a child's CIN episodes cannot overlap. An episode overlaps another when its referral
 * falls on or after the other's referral and before the other's closure, or, when the other is
 * open and went on to further action (ReferralNFA false or 0), before the reference date. One
 * episode may start on the day another closes. Both episodes are reported; episodes without a
 * readable referral date take no part.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinDetails, CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

/** Whether `later` starts inside `earlier`'s span. */
function startsWithin(later: CinDetails, earlier: CinDetails, referenceDate: string): boolean {
  const start = later.CINreferralDate
  const otherStart = earlier.CINreferralDate
  if (start === null || otherStart === null || start < otherStart) return false
  const otherEnd = earlier.CINclosureDate
  if (otherEnd !== null) return start < otherEnd
  return earlier.ReferralNFA === false && start < referenceDate
}

export const rule8820: CinRule = {
  code: '8820',
  type: 'error',
  message: 'The dates on the CIN episodes for this child overlap',
  affects: [{ table: 'CINdetails', fields: ['CINreferralDate', 'CINclosureDate'] }],
  check(child, ctx) {
    const episodes = child.cinDetails
    if (episodes.length < 2) return NO_HITS
    let flagged: boolean[] | undefined
    for (let i = 0; i < episodes.length; i++) {
      for (let j = 0; j < episodes.length; j++) {
        if (i === j) continue
        if (startsWithin(episodes[i] as CinDetails, episodes[j] as CinDetails, ctx.referenceDate)) {
          flagged ??= new Array<boolean>(episodes.length).fill(false)
          flagged[i] = true
          flagged[j] = true
        }
      }
    }
    if (!flagged) return NO_HITS
    const hits: RuleHit<CinTable>[] = []
    episodes.forEach((e, i) => {
      if (flagged[i]) hits.push(hit('CINdetails', e, ['CINreferralDate', 'CINclosureDate']))
    })
    return hits
  },
}

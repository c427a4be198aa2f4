/**
 * 8832: a referral with no further action (ReferralNFA true or 1) cannot have a child protection
 * plan. Reported on the episode and on each plan.
 *
 * Where the reference validator is wrong: its join names the two tables' row numbers the wrong
 * way round, so it reports the episode's row number against ChildProtectionPlans and the plans'
 * row numbers against CINdetails (keeping only plan numbers that happen to be NFA episode rows).
 * The same children are flagged; Haven reports each row in its own table.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8832: CinRule = {
  code: '8832',
  type: 'error',
  message: 'Child Protection details provided for a referral with no further action.',
  affects: [
    { table: 'ChildProtectionPlans', fields: ['CPPstartDate'] },
    { table: 'CINdetails', fields: ['ReferralNFA'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.ReferralNFA !== true || episode.childProtectionPlans.length === 0) continue
      hits ??= []
      hits.push(hit('CINdetails', episode, ['ReferralNFA']))
      for (const plan of episode.childProtectionPlans)
        hits.push(hit('ChildProtectionPlans', plan, ['CPPstartDate']))
    }
    return hits ?? NO_HITS
  },
}

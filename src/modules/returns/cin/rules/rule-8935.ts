/**
 * 8935: a child may have at most one open child protection plan (no end date). Every open plan
 * of a child with two or more is reported.
 *
 * Read as the DfE states it, across all the child's CIN episodes. The reference validator
 * groups open plans by child and the plan's position within its episode (CPPID), so it flags two
 * open plans only when they are the n-th plan of two different episodes, and misses two open
 * plans in one episode; Haven does not copy that.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { ChildProtectionPlan, CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8935: CinRule = {
  code: '8935',
  type: 'error',
  message: 'This child is showing more than one open Child Protection plan, i.e. with no End Date',
  affects: [{ table: 'ChildProtectionPlans', fields: ['CPPendDate'] }],
  check(child) {
    let first: ChildProtectionPlan | undefined
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        // Open means no end date given: an unreadable end date is 8930's or 8925's to question.
        if (plan.text.CPPendDate !== undefined && plan.text.CPPendDate.trim() !== '') continue
        if (first === undefined) {
          first = plan
          continue
        }
        hits ??= [hit('ChildProtectionPlans', first, ['CPPendDate'])]
        hits.push(hit('ChildProtectionPlans', plan, ['CPPendDate']))
      }
    }
    return hits ?? NO_HITS
  },
}

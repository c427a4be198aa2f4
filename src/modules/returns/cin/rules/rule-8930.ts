/**
 * 8930: a child protection plan's end date, when given, must fall within the census year
 * (1 April to 31 March, both included). A blank or unreadable end date is not this rule's concern.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import { inCensusYear, type CinRule } from '../rule.js'

export const rule8930: CinRule = {
  code: '8930',
  type: 'error',
  message: 'Child Protection Plan End Date must fall within the census year',
  affects: [{ table: 'ChildProtectionPlans', fields: ['CPPendDate', 'ReferenceDate'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        const end = plan.CPPendDate
        if (end !== null && !inCensusYear(end, ctx)) {
          ;(hits ??= []).push(
            hit('ChildProtectionPlans', plan, ['CPPendDate'], `${end} is outside the census year`),
          )
        }
      }
    }
    return hits ?? NO_HITS
  },
}

/** 4012Q: a CIN plan starting and ending on the same day is queried. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule4012Q: CinRule = {
  code: '4012Q',
  type: 'query',
  message:
    'Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day',
  affects: [{ table: 'CINplanDates', fields: ['CINPlanStartDate', 'CINPlanEndDate'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.cinPlans) {
        if (plan.CINPlanStartDate === null || plan.CINPlanStartDate !== plan.CINPlanEndDate) continue
        ;(hits ??= []).push(hit('CINplanDates', plan, ['CINPlanStartDate', 'CINPlanEndDate']))
      }
    }
    return hits ?? NO_HITS
  },
}

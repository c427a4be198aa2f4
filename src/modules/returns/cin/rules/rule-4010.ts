/**
 * 4010: a CIN plan needs a start date, on or before the end of the census year. As in the
 * reference validator, there is no lower bound: a plan that started years ago and is still open
 * is properly reported.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule4010: CinRule = {
  code: '4010',
  type: 'error',
  message: 'CIN Plan start date is missing or out of data collection period',
  affects: [{ table: 'CINplanDates', fields: ['CINPlanStartDate'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.cinPlans) {
        const start = plan.CINPlanStartDate
        if (start !== null && start <= ctx.collectionEnd) continue
        ;(hits ??= []).push(hit('CINplanDates', plan, ['CINPlanStartDate']))
      }
    }
    return hits ?? NO_HITS
  },
}

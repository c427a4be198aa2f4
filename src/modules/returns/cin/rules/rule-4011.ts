/** 4011: a CIN plan cannot end before it starts (the same day is 4012Q's query). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule4011: CinRule = {
  code: '4011',
  type: 'error',
  message: 'CIN Plan End Date earlier than Start Date',
  affects: [{ table: 'CINplanDates', fields: ['CINPlanEndDate', 'CINPlanStartDate'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.cinPlans) {
        const start = plan.CINPlanStartDate
        const end = plan.CINPlanEndDate
        if (start === null || end === null || end >= start) continue
        ;(hits ??= []).push(hit('CINplanDates', plan, ['CINPlanEndDate', 'CINPlanStartDate']))
      }
    }
    return hits ?? NO_HITS
  },
}

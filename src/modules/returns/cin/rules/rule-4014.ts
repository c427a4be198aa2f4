/**
 * 4014: a child's CIN plans cannot overlap. A plan that starts on or after another's start and
 * on or before its end (or before the census reference date, when the other is open) overlaps
 * it; both are reported. As in the reference validator, the comparison runs across all the
 * child's episodes, and a plan starting on the day another ends counts as overlapping.
 */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinPlan, CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'
import { startsWhileOpen } from './shared-plan-overlap.js'

export const rule4014: CinRule = {
  code: '4014',
  type: 'error',
  message: 'CIN Plan data contains overlapping dates',
  affects: [{ table: 'CINplanDates', fields: ['CINPlanStartDate', 'CINPlanEndDate'] }],
  check(child, ctx) {
    let plans: CinPlan[] | undefined
    for (const episode of child.cinDetails) {
      for (const p of episode.cinPlans) if (p.CINPlanStartDate !== null) (plans ??= []).push(p)
    }
    if (!plans || plans.length < 2) return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (const plan of plans) {
      for (const other of plans) {
        if (other === plan) continue
        const start = plan.CINPlanStartDate as string
        if (!startsWhileOpen(start, other.CINPlanStartDate, other.CINPlanEndDate, ctx.referenceDate, true))
          continue
        hits = hitOnce(hits, 'CINplanDates', plan, ['CINPlanStartDate'])
        hits = hitOnce(hits, 'CINplanDates', other, ['CINPlanStartDate', 'CINPlanEndDate'])
      }
    }
    return hits ?? NO_HITS
  },
}

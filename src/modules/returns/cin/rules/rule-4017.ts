/**
 * 4017: a child protection plan cannot start while a CIN plan is open: on or after the CIN
 * plan's start and before its end (or on or before the census reference date, when it has no
 * end). Both plans are reported. As in the reference validator, all the child's CIN plans are
 * compared, not only those of the same episode.
 */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'
import { startsWhileOpen } from './shared-plan-overlap.js'

export const rule4017: CinRule = {
  code: '4017',
  type: 'error',
  message: 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
  affects: [
    { table: 'CINplanDates', fields: ['CINPlanStartDate', 'CINPlanEndDate'] },
    { table: 'ChildProtectionPlans', fields: ['CPPstartDate'] },
  ],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const cpp of episode.childProtectionPlans) {
        const start = cpp.CPPstartDate
        if (start === null) continue
        for (const other of child.cinDetails) {
          for (const plan of other.cinPlans) {
            if (!startsWhileOpen(start, plan.CINPlanStartDate, plan.CINPlanEndDate, ctx.referenceDate, false))
              continue
            hits = hitOnce(hits, 'CINplanDates', plan, ['CINPlanStartDate', 'CINPlanEndDate'])
            hits = hitOnce(hits, 'ChildProtectionPlans', cpp, ['CPPstartDate'])
          }
        }
      }
    }
    return hits ?? NO_HITS
  },
}

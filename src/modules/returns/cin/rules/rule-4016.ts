/**
 * 4016: a CIN plan cannot start while a child protection plan is open: on or after the CP
 * plan's start and before its end (or on or before the census reference date, when it has no
 * end). Both plans are reported. As in the reference validator, all the child's CP plans are
 * compared, not only those of the same episode.
 */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'
import { startsWhileOpen } from './shared-plan-overlap.js'

export const rule4016: CinRule = {
  code: '4016',
  type: 'error',
  message: 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
  affects: [
    { table: 'CINplanDates', fields: ['CINPlanStartDate'] },
    { table: 'ChildProtectionPlans', fields: ['CPPstartDate', 'CPPendDate'] },
  ],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.cinPlans) {
        const start = plan.CINPlanStartDate
        if (start === null) continue
        for (const other of child.cinDetails) {
          for (const cpp of other.childProtectionPlans) {
            if (!startsWhileOpen(start, cpp.CPPstartDate, cpp.CPPendDate, ctx.referenceDate, false)) continue
            hits = hitOnce(hits, 'CINplanDates', plan, ['CINPlanStartDate'])
            hits = hitOnce(hits, 'ChildProtectionPlans', cpp, ['CPPstartDate', 'CPPendDate'])
          }
        }
      }
    }
    return hits ?? NO_HITS
  },
}

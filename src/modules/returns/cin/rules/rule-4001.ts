/**
 * 4001: within an episode, an open CIN plan (started, no end) and an open child protection
 * plan (no end) cannot run side by side. Every open plan of either kind in such an episode is
 * reported. A date that cannot be read counts as no date, as in the reference validator.
 */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule4001: CinRule = {
  code: '4001',
  type: 'error',
  message: 'A CIN Plan cannot run concurrently with a Child Protection Plan',
  affects: [
    { table: 'CINplanDates', fields: ['CINPlanEndDate'] },
    { table: 'ChildProtectionPlans', fields: ['CPPendDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (!episode.childProtectionPlans.some((p) => p.CPPendDate === null)) continue
      const open = episode.cinPlans.filter((p) => p.CINPlanStartDate !== null && p.CINPlanEndDate === null)
      if (open.length === 0) continue
      for (const p of episode.childProtectionPlans) {
        if (p.CPPendDate === null) hits = hitOnce(hits, 'ChildProtectionPlans', p, ['CPPendDate'])
      }
      for (const p of open) hits = hitOnce(hits, 'CINplanDates', p, ['CINPlanEndDate'])
    }
    return hits ?? NO_HITS
  },
}

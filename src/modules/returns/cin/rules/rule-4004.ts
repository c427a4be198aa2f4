/**
 * 4004: an episode can have only one open CIN plan (no end date). When it has more, every CIN
 * plan of the episode is reported, as in the reference validator. Open plans in different
 * episodes are left to the episode rules (8815, 8820).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule4004: CinRule = {
  code: '4004',
  type: 'error',
  message: 'This child is showing more than one open CIN Plan, i.e. with no End Date',
  affects: [{ table: 'CINplanDates', fields: ['CINPlanEndDate'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      let open = 0
      for (const p of episode.cinPlans) if (p.CINPlanEndDate === null) open++
      if (open < 2) continue
      for (const p of episode.cinPlans) (hits ??= []).push(hit('CINplanDates', p, ['CINPlanEndDate']))
    }
    return hits ?? NO_HITS
  },
}

/** 4013: a CIN plan's end date, where given, falls within the census year (1 April to 31 March). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import { inCensusYear, type CinRule } from '../rule.js'

export const rule4013: CinRule = {
  code: '4013',
  type: 'error',
  message: 'CIN Plan end date must fall within the census year',
  affects: [{ table: 'CINplanDates', fields: ['CINPlanEndDate'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.cinPlans) {
        const end = plan.CINPlanEndDate
        if (end === null || inCensusYear(end, ctx)) continue
        ;(hits ??= []).push(hit('CINplanDates', plan, ['CINPlanEndDate'], `ended ${end}`))
      }
    }
    return hits ?? NO_HITS
  },
}

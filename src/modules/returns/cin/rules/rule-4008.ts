/** 4008: no CIN plan can start after the child's death. The child and the plan are reported. */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule4008: CinRule = {
  code: '4008',
  type: 'error',
  message: 'CIN Plan shown as starting after the child’s Date of Death.',
  affects: [
    { table: 'ChildIdentifiers', fields: ['PersonDeathDate'] },
    { table: 'CINplanDates', fields: ['CINPlanStartDate'] },
  ],
  check(child) {
    const death = child.PersonDeathDate
    if (death === null) return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.cinPlans) {
        const start = plan.CINPlanStartDate
        if (start === null || start <= death) continue
        hits = hitOnce(hits, 'ChildIdentifiers', child, ['PersonDeathDate'])
        hits = hitOnce(
          hits,
          'CINplanDates',
          plan,
          ['CINPlanStartDate'],
          `plan started ${start}, died ${death}`,
        )
      }
    }
    return hits ?? NO_HITS
  },
}

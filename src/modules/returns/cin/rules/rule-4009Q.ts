/** 4009Q: a CIN plan should not end after the child's death. The child and the plan are reported. */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule4009Q: CinRule = {
  code: '4009Q',
  type: 'query',
  message: 'CIN Plan cannot end after the child’s Date of Death',
  affects: [
    { table: 'ChildIdentifiers', fields: ['PersonDeathDate'] },
    { table: 'CINplanDates', fields: ['CINPlanEndDate'] },
  ],
  check(child) {
    const death = child.PersonDeathDate
    if (death === null) return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.cinPlans) {
        const end = plan.CINPlanEndDate
        if (end === null || end <= death) continue
        hits = hitOnce(hits, 'ChildIdentifiers', child, ['PersonDeathDate'])
        hits = hitOnce(hits, 'CINplanDates', plan, ['CINPlanEndDate'], `plan ended ${end}, died ${death}`)
      }
    }
    return hits ?? NO_HITS
  },
}

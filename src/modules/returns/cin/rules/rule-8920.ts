/**
 * 8920: a child protection plan cannot end after the child's date of death. Reported on each
 * such plan and on the child's identifiers; open plans and unreadable dates take no part.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8920: CinRule = {
  code: '8920',
  type: 'error',
  message: 'Child Protection Plan cannot end after the child’s Date of Death',
  affects: [
    { table: 'ChildProtectionPlans', fields: ['CPPendDate'] },
    { table: 'ChildIdentifiers', fields: ['PersonDeathDate'] },
  ],
  check(child) {
    const death = child.PersonDeathDate
    if (death === null) return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        const end = plan.CPPendDate
        if (end === null || end <= death) continue
        hits ??= []
        hits.push(hit('ChildProtectionPlans', plan, ['CPPendDate'], `plan ended ${end}, died ${death}`))
      }
    }
    if (hits) hits.push(hit('ChildIdentifiers', child, ['PersonDeathDate']))
    return hits ?? NO_HITS
  },
}

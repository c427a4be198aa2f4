/**
 * 8915: a child protection plan cannot start after the child's date of death. Reported on each
 * such plan and on the child's identifiers; plans or deaths without a readable date take no part.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8915: CinRule = {
  code: '8915',
  type: 'error',
  message: 'Child Protection Plan shown as starting after the child’s Date of Death',
  affects: [
    { table: 'ChildProtectionPlans', fields: ['CPPstartDate'] },
    { table: 'ChildIdentifiers', fields: ['PersonDeathDate'] },
  ],
  check(child) {
    const death = child.PersonDeathDate
    if (death === null) return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        const start = plan.CPPstartDate
        if (start === null || start <= death) continue
        hits ??= []
        hits.push(hit('ChildProtectionPlans', plan, ['CPPstartDate'], `plan started ${start}, died ${death}`))
      }
    }
    if (hits) hits.push(hit('ChildIdentifiers', child, ['PersonDeathDate']))
    return hits ?? NO_HITS
  },
}

/** 8840: a child protection plan cannot start and end on the same day. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8840: CinRule = {
  code: '8840',
  type: 'error',
  message: 'Child Protection Plan cannot start and end on the same day',
  affects: [{ table: 'ChildProtectionPlans', fields: ['CPPstartDate', 'CPPendDate'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        if (plan.CPPstartDate !== null && plan.CPPstartDate === plan.CPPendDate) {
          ;(hits ??= []).push(hit('ChildProtectionPlans', plan, ['CPPstartDate', 'CPPendDate']))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

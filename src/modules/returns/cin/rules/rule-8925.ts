/** 8925: a child protection plan cannot end before it starts (the same day is 8840's business). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8925: CinRule = {
  code: '8925',
  type: 'error',
  message: 'Child Protection Plan End Date earlier than Start Date',
  affects: [{ table: 'ChildProtectionPlans', fields: ['CPPstartDate', 'CPPendDate'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        const { CPPstartDate: start, CPPendDate: end } = plan
        if (start !== null && end !== null && end < start) {
          ;(hits ??= []).push(
            hit('ChildProtectionPlans', plan, ['CPPstartDate', 'CPPendDate'], `${start} to ${end}`),
          )
        }
      }
    }
    return hits ?? NO_HITS
  },
}

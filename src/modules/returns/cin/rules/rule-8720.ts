/**
 * 8720: every child protection plan needs a start date on or before the end of the census year.
 * Plans that started in earlier years are fine (they carry over); a date that cannot be read
 * counts as missing.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8720: CinRule = {
  code: '8720',
  type: 'error',
  message: 'Child Protection Plan Start Date missing or out of data collection period',
  affects: [{ table: 'ChildProtectionPlans', fields: ['CPPstartDate'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        const start = plan.CPPstartDate
        if (start === null || start > ctx.collectionEnd) {
          ;(hits ??= []).push(hit('ChildProtectionPlans', plan, ['CPPstartDate']))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

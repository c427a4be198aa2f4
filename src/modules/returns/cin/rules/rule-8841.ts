/**
 * 8841: a child protection plan's reviews must come after the plan starts: a review on or before
 * the start date is reported, with its plan. Reviews and plans without a readable date take no part.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8841: CinRule = {
  code: '8841',
  type: 'error',
  message: 'The review date cannot be on the same day or before the Child protection Plan start date.',
  affects: [
    { table: 'ChildProtectionPlans', fields: ['CPPstartDate'] },
    { table: 'Reviews', fields: ['CPPreviewDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        const start = plan.CPPstartDate
        if (start === null) continue
        let planReported = false
        for (const review of plan.reviews) {
          const held = review.CPPreviewDate
          if (held === null || held > start) continue
          hits ??= []
          if (!planReported) hits.push(hit('ChildProtectionPlans', plan, ['CPPstartDate']))
          planReported = true
          hits.push(hit('Reviews', review, ['CPPreviewDate'], `review ${held}, plan started ${start}`))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

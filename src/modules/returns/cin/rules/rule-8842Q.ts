/**
 * 8842Q: each review recorded on a child protection plan should have a readable review date.
 *
 * The reference validator only makes review rows from Reviews elements that contain a
 * CPPreviewDate element, so a Reviews group with no date element at all escapes this query.
 * The DfE's rule is that a Reviews group, where present, has a valid date; Haven reports such a
 * group as well.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8842Q: CinRule = {
  code: '8842Q',
  type: 'query',
  message: 'Please check and either amend or provide a reason: Review Record has a missing date',
  affects: [{ table: 'Reviews', fields: ['CPPreviewDate'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        for (const review of plan.reviews) {
          if (review.CPPreviewDate === null) (hits ??= []).push(hit('Reviews', review, ['CPPreviewDate']))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

/**
 * 4003: a child protection review cannot fall within a CIN plan: on or after its start and
 * before its end, unless the review is on the day the CP plan ended. The review, its CP plan
 * and the CIN plan are reported.
 *
 * As in the reference validator, this reading checks only CIN plans that have an end date and
 * CP plans that have an end date, and compares the review with every CIN plan of the child (not
 * only its own episode's, which the DfE's wording suggests).
 *
 * Where Haven differs from the reference: the reference pairs each CP plan with its reviews by
 * the plan's position within its episode, not by episode and position, so the reviews of the
 * first plan of the second episode are also judged against the first plan of the first episode
 * (and reported on it). Haven judges each review against its own plan.
 */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule4003: CinRule = {
  code: '4003',
  type: 'error',
  message: 'A CPP review date is shown as being held at the same time as an open CIN Plan.',
  affects: [
    { table: 'Reviews', fields: ['CPPreviewDate'] },
    { table: 'ChildProtectionPlans', fields: ['CPPendDate'] },
    { table: 'CINplanDates', fields: ['CINPlanStartDate', 'CINPlanEndDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const cpp of episode.childProtectionPlans) {
        const cppEnd = cpp.CPPendDate
        if (cppEnd === null) continue
        for (const review of cpp.reviews) {
          const held = review.CPPreviewDate
          if (held === null || held === cppEnd) continue
          for (const other of child.cinDetails) {
            for (const plan of other.cinPlans) {
              const start = plan.CINPlanStartDate
              const end = plan.CINPlanEndDate
              if (start === null || end === null || held < start || held >= end) continue
              hits = hitOnce(
                hits,
                'Reviews',
                review,
                ['CPPreviewDate'],
                `review ${held}, CIN plan ${start} to ${end}`,
              )
              hits = hitOnce(hits, 'ChildProtectionPlans', cpp, ['CPPendDate'])
              hits = hitOnce(hits, 'CINplanDates', plan, ['CINPlanStartDate'])
            }
          }
        }
      }
    }
    return hits ?? NO_HITS
  },
}

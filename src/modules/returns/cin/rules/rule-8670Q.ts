/**
 * 8670Q: an assessment still open at the end of the census year should not have started more
 * than 45 working days before it. "Within 45 working days" is counted inclusively, as the DfE
 * does: for 2025/26 the 45 working days ending 31 March 2026 begin on 28 January 2026, so an
 * open assessment started on 27 January is queried and one started on 28 January is not.
 * A start date that cannot be read is left to other rules.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { firstOfWorkingDaysEnding } from './shared-dates.js'

const WORKING_DAYS = 45

export const rule8670Q: CinRule = {
  code: '8670Q',
  type: 'query',
  message:
    'Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.',
  affects: [{ table: 'Assessments', fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const a of episode.assessments) {
        const start = a.AssessmentActualStartDate
        if (a.AssessmentAuthorisationDate !== null || start === null) continue
        const earliest = firstOfWorkingDaysEnding(ctx.calendar, ctx.collectionEnd, WORKING_DAYS)
        if (start < earliest) {
          const detail = `started ${start}, open at ${ctx.collectionEnd}`
          ;(hits ??= []).push(
            hit('Assessments', a, ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'], detail),
          )
        }
      }
    }
    return hits ?? NO_HITS
  },
}

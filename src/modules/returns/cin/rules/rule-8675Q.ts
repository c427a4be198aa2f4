/**
 * 8675Q: a section 47 enquiry with no initial conference, and not marked "ICPC not required",
 * should not have started more than 15 working days before the end of the census year (counted
 * inclusively, as the DfE does: for 2025/26 the 15 working days ending 31 March 2026 begin on
 * 11 March). A blank or unreadable ICPCnotRequired does not trigger the query (as in the DfE
 * validator, which asks for it to be false). Haven reads the flag in any case; the reference
 * accepts only lower-case "false" and "0".
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { firstOfWorkingDaysEnding } from './shared-dates.js'

const WORKING_DAYS = 15

export const rule8675Q: CinRule = {
  code: '8675Q',
  type: 'query',
  message:
    'Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.',
  affects: [{ table: 'Section47', fields: ['DateOfInitialCPC', 'S47ActualStartDate', 'ICPCnotRequired'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const s47 of episode.section47s) {
        const start = s47.S47ActualStartDate
        if (s47.DateOfInitialCPC !== null || s47.ICPCnotRequired !== false || start === null) continue
        const earliest = firstOfWorkingDaysEnding(ctx.calendar, ctx.collectionEnd, WORKING_DAYS)
        if (start < earliest) {
          const detail = `started ${start}, no conference by ${ctx.collectionEnd}`
          ;(hits ??= []).push(
            hit('Section47', s47, ['DateOfInitialCPC', 'S47ActualStartDate', 'ICPCnotRequired'], detail),
          )
        }
      }
    }
    return hits ?? NO_HITS
  },
}

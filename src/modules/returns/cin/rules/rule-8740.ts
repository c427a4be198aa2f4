/**
 * 8740: a section 47 enquiry that has no initial conference and is flagged "ICPC not required"
 * = false must have started within the census year. A missing start date is left to other rules.
 *
 * Where the reference validator is wrong: it takes only the text "0" as false, so the usual
 * "false" (which its own sample files use) never triggers the rule. Haven reads the flag as the
 * schema does: false, 0, in any case.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import { inCensusYear, type CinRule } from '../rule.js'

export const rule8740: CinRule = {
  code: '8740',
  type: 'error',
  message:
    'For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year',
  affects: [{ table: 'Section47', fields: ['S47ActualStartDate', 'DateOfInitialCPC', 'ICPCnotRequired'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const s47 of episode.section47s) {
        const start = s47.S47ActualStartDate
        if (s47.DateOfInitialCPC !== null || s47.ICPCnotRequired !== false || start === null) continue
        if (inCensusYear(start, ctx)) continue
        const detail = `started ${start}`
        ;(hits ??= []).push(
          hit('Section47', s47, ['S47ActualStartDate', 'DateOfInitialCPC', 'ICPCnotRequired'], detail),
        )
      }
    }
    return hits ?? NO_HITS
  },
}

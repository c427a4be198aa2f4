/**
 * 8890: within one episode, a section 47 enquiry should not start while another is under way:
 * on or after the other's start and on or before its initial conference or, when it has none and
 * is not marked "ICPC not required" (true or 1; blank counts as not marked), on or before the
 * reference date. Both enquiries are reported. Enquiries without a readable start date take no
 * part, and two with the same start and conference dates are not compared with each other.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable, Section47 } from '../model.js'
import type { CinRule } from '../rule.js'
import { rowsInFailingPairs } from './shared-pairs.js'

function startsDuring(later: Section47, earlier: Section47, referenceDate: string): boolean {
  const start = later.S47ActualStartDate
  const otherStart = earlier.S47ActualStartDate
  if (start === null || otherStart === null || start < otherStart) return false
  const otherConference = earlier.DateOfInitialCPC
  if (start === otherStart && later.DateOfInitialCPC === otherConference) return false
  if (otherConference !== null) return start <= otherConference
  return earlier.ICPCnotRequired !== true && start <= referenceDate
}

export const rule8890: CinRule = {
  code: '8890',
  type: 'error',
  message: 'A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing',
  affects: [{ table: 'Section47', fields: ['S47ActualStartDate', 'DateOfInitialCPC'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const overlapping = rowsInFailingPairs(episode.section47s, (a, b) =>
        startsDuring(a, b, ctx.referenceDate),
      )
      for (const row of overlapping)
        (hits ??= []).push(hit('Section47', row, ['S47ActualStartDate', 'DateOfInitialCPC']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 8615: when a section 47 enquiry records an initial child protection conference, its start date
 * must be given and on or before the conference. An unreadable start date counts as missing.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8615: CinRule = {
  code: '8615',
  type: 'error',
  message:
    'Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference',
  affects: [{ table: 'Section47', fields: ['S47ActualStartDate', 'DateOfInitialCPC'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const s47 of episode.section47s) {
        const icpc = s47.DateOfInitialCPC
        const start = s47.S47ActualStartDate
        if (icpc === null || (start !== null && start <= icpc)) continue
        ;(hits ??= []).push(hit('Section47', s47, ['S47ActualStartDate', 'DateOfInitialCPC']))
      }
    }
    return hits ?? NO_HITS
  },
}

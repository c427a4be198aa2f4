/**
 * 8715: a section 47 enquiry's initial conference date, when given, must fall within the census
 * year. The ICPC date some files record on the episode itself is not this rule's concern.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import { inCensusYear, type CinRule } from '../rule.js'

export const rule8715: CinRule = {
  code: '8715',
  type: 'error',
  message: 'Date of Initial Child Protection Conference must fall within the census year',
  affects: [{ table: 'Section47', fields: ['DateOfInitialCPC'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const s47 of episode.section47s) {
        const icpc = s47.DateOfInitialCPC
        if (icpc !== null && !inCensusYear(icpc, ctx)) {
          ;(hits ??= []).push(hit('Section47', s47, ['DateOfInitialCPC'], `conference ${icpc}`))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

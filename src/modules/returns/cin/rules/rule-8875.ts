/** 8875: an initial child protection conference cannot be held on a Saturday or Sunday. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { isWeekend } from './shared-dates.js'

export const rule8875: CinRule = {
  code: '8875',
  type: 'error',
  message: 'The Date of Initial Child Protection Conference cannot be a weekend',
  affects: [{ table: 'Section47', fields: ['DateOfInitialCPC'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const s47 of episode.section47s) {
        const icpc = s47.DateOfInitialCPC
        if (icpc !== null && isWeekend(icpc)) {
          ;(hits ??= []).push(hit('Section47', s47, ['DateOfInitialCPC'], `conference ${icpc}`))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

/**
 * 8870Q: the target date for the initial child protection conference should not be a Saturday
 * or Sunday (bank holidays are not queried).
 *
 * Where the reference validator is wrong: it re-reads the target date as day-month-year, which
 * turns every date written as the schema writes it (2025-05-24) into nothing, so it never
 * queries a real file. Haven queries any readable target date on a weekend.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { isWeekend } from './shared-dates.js'

export const rule8870Q: CinRule = {
  code: '8870Q',
  type: 'query',
  message:
    'Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend',
  affects: [{ table: 'Section47', fields: ['InitialCPCtarget'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const s47 of episode.section47s) {
        const target = s47.InitialCPCtarget
        if (target !== null && isWeekend(target)) {
          ;(hits ??= []).push(hit('Section47', s47, ['InitialCPCtarget'], `target ${target}`))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

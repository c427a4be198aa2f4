/**
 * 8730: every child protection plan needs the number of previous plans, a whole number of 0 or
 * more. Blank, negative and non-numeric values are reported (the DfE validator treats blank and
 * negative as missing, and cannot read a non-number at all).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8730: CinRule = {
  code: '8730',
  type: 'error',
  message: 'Total Number of previous Child Protection Plans missing',
  affects: [{ table: 'ChildProtectionPlans', fields: ['NumberOfPreviousCPP'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        if (plan.NumberOfPreviousCPP === null) {
          ;(hits ??= []).push(hit('ChildProtectionPlans', plan, ['NumberOfPreviousCPP']))
        }
      }
    }
    return hits ?? NO_HITS
  },
}

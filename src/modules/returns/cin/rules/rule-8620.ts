/** 8620: a CIN closure date, when given, must fall within the census year (both ends included). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import { inCensusYear, type CinRule } from '../rule.js'

export const rule8620: CinRule = {
  code: '8620',
  type: 'error',
  message: 'CIN Closure Date present and does not fall within the Census year',
  affects: [{ table: 'CINdetails', fields: ['CINclosureDate'] }],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const closed = episode.CINclosureDate
      if (closed !== null && !inCensusYear(closed, ctx)) {
        ;(hits ??= []).push(hit('CINdetails', episode, ['CINclosureDate'], `closed ${closed}`))
      }
    }
    return hits ?? NO_HITS
  },
}

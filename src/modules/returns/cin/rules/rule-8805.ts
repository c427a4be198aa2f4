/** 8805: a closed episode (a readable closure date) needs a reason for closure. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8805: CinRule = {
  code: '8805',
  type: 'error',
  message: 'A CIN case cannot have a CIN closure date without a Reason for Closure',
  affects: [{ table: 'CINdetails', fields: ['CINclosureDate', 'ReasonForClosure'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.CINclosureDate !== null && episode.ReasonForClosure === null) {
        ;(hits ??= []).push(hit('CINdetails', episode, ['CINclosureDate', 'ReasonForClosure']))
      }
    }
    return hits ?? NO_HITS
  },
}

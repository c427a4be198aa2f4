/**
 * 8810: a reason for closure needs a closure date. A closure date that cannot be read counts as
 * missing, as in the DfE validator.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8810: CinRule = {
  code: '8810',
  type: 'error',
  message: 'A CIN case cannot have a Reason for Closure without a CIN Closure Date',
  affects: [{ table: 'CINdetails', fields: ['ReasonForClosure', 'CINclosureDate'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.ReasonForClosure !== null && episode.CINclosureDate === null) {
        ;(hits ??= []).push(hit('CINdetails', episode, ['ReasonForClosure', 'CINclosureDate']))
      }
    }
    return hits ?? NO_HITS
  },
}

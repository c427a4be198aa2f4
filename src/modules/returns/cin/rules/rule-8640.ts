/** 8640: a reason for closure, when given, must be on the DfE's list (RC1 to RC9, exactly as written). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { REASON_FOR_CLOSURE } from '../codes.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8640: CinRule = {
  code: '8640',
  type: 'error',
  message: 'CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)',
  affects: [{ table: 'CINdetails', fields: ['ReasonForClosure'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const reason = episode.ReasonForClosure
      if (reason !== null && !REASON_FOR_CLOSURE.has(reason)) {
        ;(hits ??= []).push(hit('CINdetails', episode, ['ReasonForClosure'], `code ${reason}`))
      }
    }
    return hits ?? NO_HITS
  },
}

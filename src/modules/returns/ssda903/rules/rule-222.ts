/**
 * 222: no URN for a placement that Ofsted does not register (P1, P3, R1, R2, R5, T0–T4,
 * Z11–Z14). `XXXXXXX`, the DfE's placeholder, is accepted.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_PLACE_WITHOUT_URN } from '../codes.js'
import { ofstedUrn } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule222: Ssda903Rule = {
  code: '222',
  type: 'error',
  message: 'Ofsted Unique reference number (URN) should not be recorded for this placement type.',
  affects: [{ table: 'Episodes', fields: ['URN'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE !== null && SSDA903_PLACE_WITHOUT_URN.has(e.PLACE) && ofstedUrn(e) !== null)
        (hits ??= []).push(hit('Episodes', e, ['URN']))
    }
    return hits ?? NO_HITS
  },
}

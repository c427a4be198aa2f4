/** 390: an episode that ends in adoption (REC E11, E12) is a placement for adoption (A3–A6). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_REC_ADOPTED, SSDA903_ADOPTION_PLACEMENTS } from '../codes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule390: Ssda903Rule = {
  code: '390',
  type: 'error',
  message: 'Reason episode ceased is adopted but child has not been previously placed for adoption.',
  affects: [{ table: 'Episodes', fields: ['PLACE', 'REC'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.REC === null || !SSDA903_REC_ADOPTED.has(e.REC)) continue
      if (e.PLACE === null || !SSDA903_ADOPTION_PLACEMENTS.has(e.PLACE))
        (hits ??= []).push(hit('Episodes', e, ['PLACE', 'REC']))
    }
    return hits ?? NO_HITS
  },
}

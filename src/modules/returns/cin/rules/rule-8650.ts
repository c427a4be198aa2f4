/** 8650: a primary need code, when given, must be on the DfE's list (N0 to N9, exactly as written). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { PRIMARY_NEED } from '../codes.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8650: CinRule = {
  code: '8650',
  type: 'error',
  message: 'Primary Need Code invalid (see Primary Need table in CIN census code set)',
  affects: [{ table: 'CINdetails', fields: ['PrimaryNeedCode'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const need = episode.PrimaryNeedCode
      if (need !== null && !PRIMARY_NEED.has(need)) {
        ;(hits ??= []).push(hit('CINdetails', episode, ['PrimaryNeedCode'], `code ${need}`))
      }
    }
    return hits ?? NO_HITS
  },
}

/**
 * 380: a temporary placement (T0–T4) is a change of placement within a period of care, so its
 * episode starts with RNE P or B, never S (nor a change of legal status, T, U or L).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_TEMPORARY_PLACEMENTS } from '../codes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule380: Ssda903Rule = {
  code: '380',
  type: 'error',
  message: 'A period of care cannot start with a temporary placement.',
  affects: [{ table: 'Episodes', fields: ['PLACE', 'RNE'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE !== null && SSDA903_TEMPORARY_PLACEMENTS.has(e.PLACE) && e.RNE !== 'P' && e.RNE !== 'B')
        (hits ??= []).push(hit('Episodes', e, ['PLACE', 'RNE']))
    }
    return hits ?? NO_HITS
  },
}

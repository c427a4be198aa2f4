/**
 * 375: A temporary stay in hospital (T1) lasts at most 42 days: DEC no more than 42 days after
 * DECOM. An episode not yet ended, or with a date that is not valid, is not checked.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { daysBetween } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule375: Ssda903Rule = {
  code: '375',
  type: 'error',
  message: 'Hospitalisation coded as a temporary placement exceeds six weeks.',
  affects: [{ table: 'Episodes', fields: ['DECOM', 'DEC', 'PLACE'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.PLACE !== 'T1' || e.DECOM === null || e.DEC === null) continue
      const days = daysBetween(e.DECOM, e.DEC)
      if (days > 42) (hits ??= []).push(hit('Episodes', e, ['DECOM', 'DEC', 'PLACE'], `${days} days`))
    }
    return hits ?? NO_HITS
  },
}

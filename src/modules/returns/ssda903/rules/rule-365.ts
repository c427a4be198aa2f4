/**
 * 365: a single short break (legal status V3) lasts at most 17 days: DEC no more than 17 days
 * after DECOM, an episode not yet ended counting to 31 March. An invalid DEC is left to the date
 * rules.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { daysBetween } from '../episodes.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule365: Ssda903Rule = {
  code: '365',
  type: 'error',
  message: 'Any individual short- term respite placement must not exceed 17 days.',
  affects: [{ table: 'Episodes', fields: ['LS', 'DECOM', 'DEC'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.LS !== 'V3' || e.DECOM === null) continue
      const end = e.DEC ?? (isBlank(e, 'DEC') ? ctx.collectionEnd : null)
      if (end !== null && daysBetween(e.DECOM, end) > 17)
        (hits ??= []).push(hit('Episodes', e, ['LS', 'DECOM', 'DEC'], `${daysBetween(e.DECOM, end)} days`))
    }
    return hits ?? NO_HITS
  },
}

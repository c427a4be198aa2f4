/**
 * 525: a child whose decision to be placed for adoption was reversed (a DATE_PLACED_CEASED) has
 * no adoption data (AD1) this year. Reported on the reversed decisions and the AD1 rows.
 *
 * Reading: when a later decision is still in force (no date ceased), the child may well have
 * been adopted under it, so nothing is reported. The community validator reports any reversed
 * decision alongside AD1 data, even one superseded by a new decision.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank, type Ad1Row } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { add, type Hits } from './support-4xx-5xx.js'

const AD1_FIELDS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const

export const rule525: Ssda903Rule = {
  code: '525',
  type: 'error',
  message:
    'A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.',
  affects: [
    { table: 'PlacedAdoption', fields: ['DATE_PLACED_CEASED'] },
    { table: 'AD1', fields: AD1_FIELDS },
  ],
  check(child) {
    const decisions = child.current.PlacedAdoption
    if (decisions.length === 0 || decisions.some((p) => isBlank(p, 'DATE_PLACED_CEASED'))) return NO_HITS
    const adopted = child.current.AD1.filter((a: Ad1Row) => AD1_FIELDS.some((f) => !isBlank(a, f)))
    if (adopted.length === 0) return NO_HITS
    let hits: Hits | undefined
    for (const p of decisions) hits = add(hits, 'PlacedAdoption', p, ['DATE_PLACED_CEASED'])
    for (const a of adopted)
      hits = add(
        hits,
        'AD1',
        a,
        AD1_FIELDS.filter((f) => !isBlank(a, f)),
      )
    return hits ?? NO_HITS
  },
}

import type { Ssda903Rule } from '../rule.js'
import { HitList, allGiven, anyGiven } from './shared-row-checks.js'

const FIELDS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const

/**
 * The six AD1 items are all given or all blank. (The DfE's field list spells NB_ADOPTR as
 * NB_ADOPTER; the column is NB_ADOPTR.)
 */
export const rule151: Ssda903Rule = {
  code: '151',
  type: 'error',
  message: 'All data items relating to a childs adoption must be coded or left blank.',
  affects: [{ table: 'AD1', fields: FIELDS }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.AD1) {
      if (anyGiven(row, FIELDS) && !allGiven(row, FIELDS)) hits.add('AD1', row, FIELDS)
    }
    return hits.done()
  },
}

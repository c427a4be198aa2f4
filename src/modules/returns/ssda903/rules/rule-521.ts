/**
 * 521: the decision that adoption is in the child's best interests (AD1 DATE_INT) is on or
 * before the day the child is placed for adoption (an A3–A6 episode starts). Each episode and
 * AD1 row at fault is reported once.
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { add, isAdoptionPlacement, type Hits } from './support-4xx-5xx.js'

export const rule521: Ssda903Rule = {
  code: '521',
  type: 'error',
  message:
    "Date of local authority's decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.",
  affects: [
    { table: 'Episodes', fields: ['PLACE', 'DECOM'] },
    { table: 'AD1', fields: ['DATE_INT'] },
  ],
  check(child) {
    const decisions = child.current.AD1.filter((a) => a.DATE_INT !== null)
    if (decisions.length === 0) return NO_HITS
    let hits: Hits | undefined
    const late = new Set<number>()
    for (const e of child.current.Episodes) {
      if (!isAdoptionPlacement(e) || e.DECOM === null) continue
      const after = decisions.filter((a) => a.DATE_INT! > e.DECOM!)
      if (after.length === 0) continue
      hits = add(hits, 'Episodes', e, ['PLACE', 'DECOM'])
      for (const a of after) late.add(a.row)
    }
    for (const a of decisions) if (late.has(a.row)) hits = add(hits, 'AD1', a, ['DATE_INT'])
    return hits ?? NO_HITS
  },
}

/**
 * 582: a child adopted (E11, E12) was matched with the adopters before the day of the adoption:
 * an adoption on the date of matching is reported (an error, though the DfE's message reads as
 * a query: the code has no Q).
 */
import { NO_HITS } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { ADOPTED, add, type Hits } from './support-4xx-5xx.js'

export const rule582: Ssda903Rule = {
  code: '582',
  type: 'error',
  message:
    'Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters. In most circumstances we expect the date the child is matched with adopters to be before the date of adoption.',
  affects: [
    { table: 'Episodes', fields: ['DEC', 'REC'] },
    { table: 'AD1', fields: ['DATE_MATCH'] },
  ],
  check(child) {
    const matched = new Set(child.current.AD1.map((a) => a.DATE_MATCH).filter((d) => d !== null))
    if (matched.size === 0) return NO_HITS
    let hits: Hits | undefined
    for (const e of child.current.Episodes) {
      if (e.REC !== null && ADOPTED.has(e.REC) && e.DEC !== null && matched.has(e.DEC))
        hits = add(hits, 'Episodes', e, ['DEC'])
    }
    return hits ?? NO_HITS
  },
}

/**
 * 8790: "NONE" cannot sit beside other disability codes. When a child has NONE (in any case, as
 * the DfE validator reads it), every other disability row is reported, blank rows included.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

function isNone(code: string | null): boolean {
  return code !== null && code.toUpperCase() === 'NONE'
}

export const rule8790: CinRule = {
  code: '8790',
  type: 'error',
  message: 'Disability information includes both None and other values',
  affects: [{ table: 'Disabilities', fields: ['Disability'] }],
  check(child) {
    const list = child.disabilities
    if (list.length < 2 || !list.some((d) => isNone(d.Disability))) return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (const d of list) {
      if (!isNone(d.Disability)) (hits ??= []).push(hit('Disabilities', d, ['Disability']))
    }
    return hits ?? NO_HITS
  },
}

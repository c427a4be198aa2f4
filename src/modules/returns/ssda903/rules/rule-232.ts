/** 232: a sex of `U` (unknown) is queried. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule232: Ssda903Rule = {
  code: '232',
  type: 'error',
  message: 'Sex of the child/young person has been reported as unknown.',
  affects: [{ table: 'Header', fields: ['SEX'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.SEX === 'U') (hits ??= []).push(hit('Header', header, ['SEX']))
    }
    return hits ?? NO_HITS
  },
}

import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

/**
 * A UASC row whose SEX differs from the SEX on one of the child's Header rows. Both must be
 * given: a blank SEX is left to the rules about valid codes.
 */
export const ruleINT21: Ssda903Rule = {
  code: 'INT21',
  type: 'error',
  message: 'Internal Check: SEX in UASC is different to SEX in Header.',
  affects: [
    { table: 'Header', fields: ['SEX'] },
    { table: 'UASC', fields: ['SEX'] },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('Header') || !supplied.has('UASC')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const uasc of child.current.UASC) {
      const sex = uasc.SEX
      if (sex === null) continue
      if (child.current.Header.some((h) => h.SEX !== null && h.SEX !== sex))
        (hits ??= []).push(hit('UASC', uasc, ['SEX']))
    }
    return hits ?? NO_HITS
  },
}

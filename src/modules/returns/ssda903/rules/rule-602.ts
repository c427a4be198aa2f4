/**
 * 602: adoption details in AD1 are only for a child whose episodes show an adoption in the
 * year (REC E11 or E12, ending between 1 April and 31 March). An AD1 row with every adoption
 * field blank says nothing, and is not reported. Runs only when Episodes and AD1 were supplied.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { AD1_ADOPTION_FIELDS, adoptedInYear } from './shared-adoption.js'

export const rule602: Ssda903Rule = {
  code: '602',
  type: 'error',
  message: 'The episode data submitted for this child does not show that he/she was adopted during the year.',
  affects: [
    { table: 'Episodes', fields: ['CHILD'] },
    { table: 'AD1', fields: ['CHILD'] },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('Episodes') || !supplied.has('AD1')) return NO_HITS
    if (child.current.AD1.length === 0) return NO_HITS
    if (child.current.Episodes.some((e) => adoptedInYear(e, ctx))) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const ad1 of child.current.AD1) {
      if (AD1_ADOPTION_FIELDS.some((f) => !isBlank(ad1, f))) (hits ??= []).push(hit('AD1', ad1, ['CHILD']))
    }
    return hits ?? NO_HITS
  },
}

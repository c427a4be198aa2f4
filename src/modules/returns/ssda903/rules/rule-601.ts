/**
 * 601: a child whose episode shows an adoption in the year (REC E11 or E12, ending between
 * 1 April and 31 March) has every AD1 field completed.
 *
 * Reported: each of the child's AD1 rows with a blank field (naming the blank fields), and the
 * adoption episodes. Where Haven differs from the community validator: a child adopted in the
 * year who has no AD1 row at all is reported too (on the adoption episode), since then none of
 * the fields has been completed; the validator only looks at children found in both tables.
 * Runs only when Episodes and AD1 were both supplied.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { AD1_ADOPTION_FIELDS, adoptedInYear } from './shared-adoption.js'

export const rule601: Ssda903Rule = {
  code: '601',
  type: 'error',
  message:
    'The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.',
  affects: [
    { table: 'Episodes', fields: ['REC'] },
    { table: 'AD1', fields: AD1_ADOPTION_FIELDS },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('Episodes') || !supplied.has('AD1')) return NO_HITS
    const adoptions = child.current.Episodes.filter((e) => adoptedInYear(e, ctx))
    if (adoptions.length === 0) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const ad1 of child.current.AD1) {
      const blank = AD1_ADOPTION_FIELDS.filter((f) => isBlank(ad1, f))
      if (blank.length > 0) (hits ??= []).push(hit('AD1', ad1, blank))
    }
    if (hits === undefined && child.current.AD1.length > 0) return NO_HITS
    const detail = child.current.AD1.length === 0 ? 'no AD1 row for the child' : undefined
    hits ??= []
    for (const episode of adoptions) hits.push(hit('Episodes', episode, ['REC'], detail))
    return hits
  },
}

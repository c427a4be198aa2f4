/**
 * 612: a girl (SEX F) whose first child's date of birth (MC_DOB) is filled in is recorded as a
 * mother: MOTHER is neither 0 nor blank. Any text in MC_DOB counts as filled in, as the
 * community validator reads it.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule612: Ssda903Rule = {
  code: '612',
  type: 'error',
  message: 'Date of birth field has been completed but mother field indicates child is not a mother.',
  affects: [{ table: 'Header', fields: ['SEX', 'MOTHER', 'MC_DOB'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('Header')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      const notMother = header.MOTHER === null || header.MOTHER === '0'
      if (header.SEX === 'F' && notMother && !isBlank(header, 'MC_DOB'))
        (hits ??= []).push(hit('Header', header, ['MOTHER', 'MC_DOB']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 626: a child recorded as a mother this year (MOTHER 1) but not last year (MOTHER 0) had her
 * first child this year: MC_DOB cannot be before 1 April. Runs only when last year's return was
 * given with a Header table, and only for a real MC_DOB.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule626: Ssda903Rule = {
  code: '626',
  type: 'error',
  message:
    'Child was reported as a mother but the date of birth of the first child is before the current year which contradicts with the mother status recorded last year.',
  affects: [{ table: 'Header', fields: ['MOTHER', 'MC_DOB'] }],
  check(child, ctx) {
    const { hasPrevious, supplied } = ctx.header
    if (!hasPrevious || !supplied.current.has('Header') || !supplied.previous.has('Header')) return NO_HITS
    if (!child.previous.Header.some((h) => h.MOTHER === '0')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.MOTHER === '1' && header.MC_DOB !== null && header.MC_DOB < ctx.collectionStart)
        (hits ??= []).push(hit('Header', header, ['MOTHER', 'MC_DOB']))
    }
    return hits ?? NO_HITS
  },
}

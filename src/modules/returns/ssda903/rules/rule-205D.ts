/**
 * 205D: a child UASC this year who was in last year's return should have been UASC there too.
 * Only children in last year's Header are checked; runs only when last year's Header and UASC
 * tables were supplied (without last year's UASC table there is nothing to say they were not).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule205D: Ssda903Rule = {
  code: '205D',
  type: 'error',
  message:
    'Child identified as UASC this year but not identified as UASC status provided for the child last year.',
  affects: [
    { table: 'Header', fields: ['UASC', 'CHILD'] },
    { table: 'UASC', fields: ['UASC', 'CHILD'] },
  ],
  check(child, ctx) {
    const { hasPrevious, supplied } = ctx.header
    if (!hasPrevious || !supplied.previous.has('Header') || !supplied.previous.has('UASC')) return NO_HITS
    if (!child.uasc || child.previousUasc || child.previous.Header.length === 0) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) (hits ??= []).push(hit('Header', header, ['UASC']))
    if (!hits) for (const row of child.current.UASC) (hits ??= []).push(hit('UASC', row, ['CHILD']))
    return hits ?? NO_HITS
  },
}

/**
 * 207: a child recorded as a mother last year is still recorded as one this year. Only for
 * children in both years' Header with an episode this year; runs only when last year's Header
 * was supplied.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule207: Ssda903Rule = {
  code: '207',
  type: 'error',
  message:
    'Mother status for the current year disagrees with the mother status already recorded for this child.',
  affects: [{ table: 'Header', fields: ['MOTHER'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('Header')) return NO_HITS
    if (child.current.Episodes.length === 0) return NO_HITS
    if (!child.previous.Header.some((last) => last.MOTHER === '1')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.MOTHER !== '1') (hits ??= []).push(hit('Header', header, ['MOTHER']))
    }
    return hits ?? NO_HITS
  },
}

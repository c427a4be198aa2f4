/**
 * 361: Police protection (legal status L1) lasts at most 3 days. Episodes under L1 that follow on from each other are
 * one spell, measured from its first DECOM to its last DEC (an episode not yet ended runs to
 * 31 March); every episode of a longer spell is reported.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { daysBetween, legalStatusSpells } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule361: Ssda903Rule = {
  code: '361',
  type: 'error',
  message:
    'Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.',
  affects: [{ table: 'Episodes', fields: ['DECOM', 'LS', 'DEC'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const spell of legalStatusSpells(child.current.Episodes, 'L1', ctx.collectionEnd)) {
      const days = daysBetween(spell.start, spell.end)
      if (days <= 3) continue
      for (const e of spell.episodes)
        (hits ??= []).push(hit('Episodes', e, ['DECOM', 'LS', 'DEC'], `${days} days`))
    }
    return hits ?? NO_HITS
  },
}

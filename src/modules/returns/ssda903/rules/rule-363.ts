/**
 * 363: A child assessment order (legal status L3) lasts at most 7 days. Episodes under L3 that follow on from each other are
 * one spell, measured from its first DECOM to its last DEC (an episode not yet ended runs to
 * 31 March); every episode of a longer spell is reported.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { daysBetween, legalStatusSpells } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule363: Ssda903Rule = {
  code: '363',
  type: 'error',
  message: 'Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.',
  affects: [{ table: 'Episodes', fields: ['DECOM', 'LS', 'DEC'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const spell of legalStatusSpells(child.current.Episodes, 'L3', ctx.collectionEnd)) {
      const days = daysBetween(spell.start, spell.end)
      if (days <= 7) continue
      for (const e of spell.episodes)
        (hits ??= []).push(hit('Episodes', e, ['DECOM', 'LS', 'DEC'], `${days} days`))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 362: An emergency protection order (legal status L2) lasts at most 21 days. Episodes under L2 that follow on from each other are
 * one spell, measured from its first DECOM to its last DEC (an episode not yet ended runs to
 * 31 March); every episode of a longer spell is reported.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { daysBetween, legalStatusSpells } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule362: Ssda903Rule = {
  code: '362',
  type: 'error',
  message: 'Emergency protection order (EPO) lasted longer than 21 days',
  affects: [{ table: 'Episodes', fields: ['DECOM', 'LS', 'DEC'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const spell of legalStatusSpells(child.current.Episodes, 'L2', ctx.collectionEnd)) {
      const days = daysBetween(spell.start, spell.end)
      if (days <= 21) continue
      for (const e of spell.episodes)
        (hits ??= []).push(hit('Episodes', e, ['DECOM', 'LS', 'DEC'], `${days} days`))
    }
    return hits ?? NO_HITS
  },
}

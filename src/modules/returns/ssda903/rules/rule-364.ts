/**
 * 364: Detention under PACE 1984 (legal status J2) lasts at most 21 days. Episodes under J2 that follow on from each other are
 * one spell, measured from its first DECOM to its last DEC (an episode not yet ended runs to
 * 31 March); every episode of a longer spell is reported.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { daysBetween, legalStatusSpells } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule364: Ssda903Rule = {
  code: '364',
  type: 'error',
  message:
    'Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child can be detained in custody in Local Authority (LA) accommodation.',
  affects: [{ table: 'Episodes', fields: ['DECOM', 'LS', 'DEC'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const spell of legalStatusSpells(child.current.Episodes, 'J2', ctx.collectionEnd)) {
      const days = daysBetween(spell.start, spell.end)
      if (days <= 21) continue
      for (const e of spell.episodes)
        (hits ??= []).push(hit('Episodes', e, ['DECOM', 'LS', 'DEC'], `${days} days`))
    }
    return hits ?? NO_HITS
  },
}

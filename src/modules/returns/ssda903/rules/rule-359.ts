/**
 * 359: a young person whose 18th birthday was before 31 March and who is still looked after
 * (an episode with a blank DEC) is accommodated under section 20(5) in a community home: legal
 * status V2 and placement K2. An invalid DEC is not a blank one and is left to the date rules.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { addYears, dobOf } from '../episodes.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule359: Ssda903Rule = {
  code: '359',
  type: 'error',
  message:
    'Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.',
  affects: [
    { table: 'Episodes', fields: ['DEC', 'LS', 'PLACE'] },
    { table: 'Header', fields: ['DOB'] },
  ],
  check(child, ctx) {
    const dob = dobOf(child)
    if (dob === null || addYears(dob, 18) >= ctx.collectionEnd) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (isBlank(e, 'DEC') && !(e.LS === 'V2' && e.PLACE === 'K2'))
        (hits ??= []).push(hit('Episodes', e, ['DEC', 'LS', 'PLACE']))
    }
    return hits ?? NO_HITS
  },
}

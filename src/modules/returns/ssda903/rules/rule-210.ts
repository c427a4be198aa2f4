/**
 * 210: UN4 (UPN not yet obtained for a child new to care) is not valid for a child who at
 * 31 March had been looked after for more than a week.
 *
 * Haven reads the rule as its message says: the child is looked after at the year end (an
 * episode with no DEC) and the period of care that episode belongs to (episodes joined end to
 * start) began before 24 March. The community validator reports instead a UN4 child with any
 * episode starting on or after 24 March, which is the child UN4 is meant for; Haven does not
 * follow it there.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { addDays, episodesByStart } from '../episodes.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule210: Ssda903Rule = {
  code: '210',
  type: 'error',
  message:
    'Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.',
  affects: [
    { table: 'Header', fields: ['UPN'] },
    { table: 'Episodes', fields: ['DECOM'] },
  ],
  check(child, ctx) {
    if (!child.current.Header.some((h) => h.UPN === 'UN4')) return NO_HITS
    const episodes = episodesByStart(child.current.Episodes).filter((e) => e.DECOM !== null)
    const open = episodes.findLast((e) => isBlank(e, 'DEC') && (e.DECOM ?? '') <= ctx.collectionEnd)
    if (!open) return NO_HITS
    let start = open.DECOM ?? ctx.collectionEnd
    for (let i = episodes.indexOf(open) - 1; i >= 0; i--) {
      const before = episodes[i]
      if (before?.DEC !== start || before.DECOM === null) break
      start = before.DECOM
    }
    if (start >= addDays(ctx.collectionEnd, -7)) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.UPN === 'UN4')
        (hits ??= []).push(hit('Header', header, ['UPN'], `looked after since ${start}`))
    }
    return hits ?? NO_HITS
  },
}

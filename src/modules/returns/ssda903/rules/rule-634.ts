/**
 * 634: previous permanence details are only for a child who started to be looked after during
 * the collection year: when any of PREV_PERM, LA_PERM or DATE_PERM is given, at least one of
 * the child's episodes starts on or after 1 April.
 *
 * The DfE's message speaks of 1 April 2016, when the item was introduced; the community
 * validator compares with the start of the collection year instead, since the details are only
 * asked for a child who starts care in the year (rule 630), and Haven does the same. A child
 * with no dated episodes is not compared. Reported: the PrevPerm rows, and the child's episode
 * that started last.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type EpisodeRow, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule634: Ssda903Rule = {
  code: '634',
  type: 'error',
  message:
    'There are entries for previous permanence options, but child has not started to be looked after from 1 April 2016 onwards.',
  affects: [
    { table: 'PrevPerm', fields: ['LA_PERM', 'PREV_PERM', 'DATE_PERM'] },
    { table: 'Episodes', fields: ['DECOM'] },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('Episodes') || !supplied.has('PrevPerm')) return NO_HITS
    let last: EpisodeRow | undefined
    for (const e of child.current.Episodes) {
      if (e.DECOM !== null && (last === undefined || (last.DECOM as string) <= e.DECOM)) last = e
    }
    if (last === undefined || (last.DECOM as string) >= ctx.collectionStart) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const row of child.current.PrevPerm) {
      const given = (['PREV_PERM', 'LA_PERM', 'DATE_PERM'] as const).filter((f) => !isBlank(row, f))
      if (given.length > 0) (hits ??= []).push(hit('PrevPerm', row, given))
    }
    if (hits) hits.push(hit('Episodes', last, ['DECOM']))
    return hits ?? NO_HITS
  },
}

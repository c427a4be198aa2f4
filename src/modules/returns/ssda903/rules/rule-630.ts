/**
 * 630: a child who started to be looked after in the year (an episode with RNE S starting on
 * or after 1 April) has a PrevPerm row saying whether there was a previous permanence option:
 * PREV_PERM completed and, when it is not Z1 (none or not known), the date of that order.
 *
 * Where Haven differs from the community validator: the validator also requires LA_PERM, the
 * authority that arranged the order. The DfE no longer collects LA_PERM (the column stays in
 * the file, usually blank), so Haven does not require it; requiring it would report nearly
 * every child with a previous order. Reported: each such episode. Runs only when Episodes and
 * PrevPerm were supplied.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule630: Ssda903Rule = {
  code: '630',
  type: 'error',
  message: 'Information on previous permanence option should be returned.',
  affects: [
    { table: 'Episodes', fields: ['RNE'] },
    { table: 'PrevPerm', fields: ['PREV_PERM', 'DATE_PERM'] },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('Episodes') || !supplied.has('PrevPerm')) return NO_HITS
    const starts = child.current.Episodes.filter(
      (e) => e.RNE === 'S' && e.DECOM !== null && e.DECOM >= ctx.collectionStart,
    )
    if (starts.length === 0) return NO_HITS
    const rows = child.current.PrevPerm
    let reason: string | undefined
    if (rows.length === 0) reason = 'no PrevPerm row for the child'
    else if (rows.some((p) => p.PREV_PERM === null)) reason = 'PREV_PERM blank'
    else if (rows.some((p) => p.PREV_PERM !== 'Z1' && isBlank(p, 'DATE_PERM')))
      reason = 'DATE_PERM blank for a previous order'
    if (reason === undefined) return NO_HITS
    const detail = reason
    return starts.map((e) => hit('Episodes', e, ['RNE'], detail)) as RuleHit<Ssda903Table>[]
  },
}

/**
 * 392a: an episode of a child looked after other than on short breaks (legal status not V3 or
 * V4) has a placement distance (the derived PL_DISTANCE, from `ctx.header.placement`). Children
 * with a UASC row this year or last are not checked: their distance is left blank on purpose.
 * When the distance is missing because a postcode is not in the reference table, the postcode is
 * named in the finding.
 *
 * The community validator runs this only when the UASC table was supplied (it needs the UASC
 * flag); Haven runs it whenever the Episodes table was.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_SHORT_BREAK_LS } from '../codes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule392a: Ssda903Rule = {
  code: '392a',
  type: 'error',
  message:
    'Child is looked after but no distance is recorded. [NOTE: This check may result in false positives for children formerly UASC]',
  affects: [
    { table: 'Episodes', fields: ['PL_DISTANCE'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    if (child.uasc || child.previousUasc) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.LS !== null && SSDA903_SHORT_BREAK_LS.has(e.LS)) continue
      const facts = ctx.header.placement(e)
      if (facts.distance !== null) continue
      const detail =
        facts.unknownPostcodes.length > 0
          ? `postcode ${facts.unknownPostcodes.join(', ')} not in the reference`
          : undefined
      ;(hits ??= []).push(hit('Episodes', e, ['HOME_POST', 'PL_POST'], detail))
    }
    return hits ?? NO_HITS
  },
}

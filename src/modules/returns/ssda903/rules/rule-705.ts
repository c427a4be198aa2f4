/**
 * 705: a child's DoLOs do not overlap: none starts while an earlier one is still open.
 *
 * Haven takes the DoLOs in order of start date and reports one that starts before an earlier
 * one has ended (or while an earlier one has no end date). The community validator orders them
 * by end date instead, and so can report the earlier DoLO of an overlapping pair; the message
 * is about the DoLO that started, so Haven reports that one. A DoLO that starts on the day the
 * one before it ends is allowed. A DoLO with no readable start date is left to rule 700, and an
 * unreadable end date (rule 701) is not taken as open.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type DoLoRow, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule705: Ssda903Rule = {
  code: '705',
  type: 'error',
  message: 'A DoLO cannot start when the previous DoLO is still open.',
  affects: [{ table: 'DoLo', fields: ['DOLO_START', 'DOLO_END'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('DoLo')) return NO_HITS
    const dated = child.current.DoLo.filter(
      (d): d is DoLoRow & { DOLO_START: string } => d.DOLO_START !== null,
    )
    if (dated.length < 2) return NO_HITS
    dated.sort((a, b) => (a.DOLO_START < b.DOLO_START ? -1 : a.DOLO_START > b.DOLO_START ? 1 : a.row - b.row))
    let hits: RuleHit<Ssda903Table>[] | undefined
    let openBefore = false
    let latestEnd: string | null = null
    for (const dolo of dated) {
      if (openBefore || (latestEnd !== null && latestEnd > dolo.DOLO_START))
        (hits ??= []).push(hit('DoLo', dolo, ['DOLO_START', 'DOLO_END']))
      if (dolo.DOLO_END !== null) {
        if (latestEnd === null || dolo.DOLO_END > latestEnd) latestEnd = dolo.DOLO_END
      } else if (isBlank(dolo, 'DOLO_END')) openBefore = true
    }
    return hits ?? NO_HITS
  },
}

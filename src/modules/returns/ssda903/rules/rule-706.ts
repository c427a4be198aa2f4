/**
 * 706: a DoLO open at the end of last year's return (a start date and no end date) carries on
 * into this year, so this year's return holds a DoLO for the child with the same start date.
 *
 * Runs only when last year's return was given and both years hold a DoLo table. Every open DoLO
 * of last year is checked, as the community validator does (the DfE's wording names the last
 * one; a child can only have one open at a time, rule 705). The finding is put on the child's
 * first DoLO this year when there is one; when the child has none this year, it names last
 * year's row, and the detail says so.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { formatDfeDate, isBlank } from '../model.js'
import type { Ssda903Rule, Ssda903RuleTable } from '../rule.js'

export const rule706: Ssda903Rule = {
  code: '706',
  type: 'error',
  message:
    'There is an open DoLO in last year’s return and there is no corresponding DoLO recorded at the start of this year..',
  affects: [{ table: 'DoLo', fields: ['DOLO_START'] }],
  check(child, ctx) {
    const { hasPrevious, supplied } = ctx.header
    if (!hasPrevious || !supplied.current.has('DoLo') || !supplied.previous.has('DoLo')) return NO_HITS
    const current = child.current.DoLo
    let first = current[0]
    for (const dolo of current) {
      if (dolo.DOLO_START !== null && (first?.DOLO_START == null || dolo.DOLO_START < first.DOLO_START))
        first = dolo
    }
    const starts = new Set<string>()
    for (const dolo of current) if (dolo.DOLO_START !== null) starts.add(dolo.DOLO_START)
    let hits: RuleHit<Ssda903RuleTable>[] | undefined
    for (const last of child.previous.DoLo) {
      if (last.DOLO_START === null || !isBlank(last, 'DOLO_END') || starts.has(last.DOLO_START)) continue
      const since = formatDfeDate(last.DOLO_START)
      ;(hits ??= []).push(
        first
          ? hit('DoLo', first, ['DOLO_START'], `last year's DoLO from ${since} is open`)
          : hit('DoLo_last', last, ['DOLO_START'], `last year's DoLO from ${since} is open`),
      )
    }
    return hits ?? NO_HITS
  },
}

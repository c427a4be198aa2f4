/**
 * 707: when a child stops being looked after, any DoLO still open should have been ended.
 *
 * Haven reports a DoLO with a start date and a blank end date when the child's episodes show
 * care has ended: the child's last episode (by start date) has an end date, or an earlier
 * period of care ended on or after the day the DoLO started (the child left care while it was
 * in force, and has come back since). Episodes that follow one another without a gap (the next
 * starts on or before the day the last ended) are one period of care. A DoLO made before the
 * child's current period of care began, with no care ending since, is not reported: the
 * community validator reports it, but the child has not ceased to be looked after.
 *
 * The community validator borrows a broader check written for missing episodes (rule 577),
 * which also reports DoLOs with an end date that falls outside a period of care. The DfE's
 * message is only about a DoLO without an end date, so Haven checks only those. A child with no
 * dated episodes is left alone (EPI and the episode rules say why).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type EpisodeRow, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

type DatedEpisode = EpisodeRow & { DECOM: string }

/** Start of the child's last period of care, and whether it has ended. */
function lastPeriod(episodes: readonly EpisodeRow[]): { start: string; ended: boolean } | null {
  const dated = episodes.filter((e): e is DatedEpisode => e.DECOM !== null)
  if (dated.length === 0) return null
  dated.sort((a, b) => (a.DECOM < b.DECOM ? -1 : a.DECOM > b.DECOM ? 1 : a.row - b.row))
  const last = dated[dated.length - 1] as DatedEpisode
  let start = last.DECOM
  for (let i = dated.length - 2; i >= 0; i--) {
    const before = dated[i] as DatedEpisode
    const next = dated[i + 1] as DatedEpisode
    if (before.DEC === null || before.DEC < next.DECOM) break
    start = before.DECOM
  }
  return { start, ended: last.DEC !== null }
}

export const rule707: Ssda903Rule = {
  code: '707',
  type: 'error',
  message: 'Child ceased to be looked after but there is a DoLO without an end date.',
  affects: [
    { table: 'DoLo', fields: ['DOLO_END'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC'] },
  ],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('DoLo') || !supplied.has('Episodes')) return NO_HITS
    if (child.current.DoLo.length === 0) return NO_HITS
    const period = lastPeriod(child.current.Episodes)
    if (period === null) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const dolo of child.current.DoLo) {
      const start = dolo.DOLO_START
      if (start === null || !isBlank(dolo, 'DOLO_END')) continue
      const leftCareSince = child.current.Episodes.some(
        (e) => e.DEC !== null && e.DEC >= start && e.DEC < period.start,
      )
      if (period.ended || leftCareSince) (hits ??= []).push(hit('DoLo', dolo, ['DOLO_END']))
    }
    return hits ?? NO_HITS
  },
}

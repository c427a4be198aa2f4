/**
 * "Looked after continuously for at least 12 months at 31 March", the fact that decides who
 * belongs in OC2, as the DfE defines it from the year's episodes:
 *
 * - the child has an episode during the year (began on or before 31 March, and ended on or
 *   after 1 April or is still open), and
 * - no episode says the child came into care during the year (RNE S, beginning after 1 April),
 *   left care during the year (ended from 1 April to 30 March with a reason other than X1, or
 *   with no reason), or had short breaks during the year (LS V3 or V4).
 *
 * An episode beginning on 1 April, or ending on 31 March, does not break the 12 months.
 * Episodes whose dates cannot be read count only for what can be read of them.
 */
import type { EpisodeRow } from '../model.js'
import type { Ssda903Context } from '../rule.js'
import { SSDA903_SHORT_BREAK_LS } from '../codes.js'

export function lookedAfterContinuously(episodes: readonly EpisodeRow[], ctx: Ssda903Context): boolean {
  const { collectionStart: start, collectionEnd: end } = ctx
  let inYear = false
  for (const e of episodes) {
    const during = e.DECOM !== null && e.DECOM <= end && (e.DEC === null || e.DEC >= start)
    if (during) inYear = true
    if (e.RNE === 'S' && e.DECOM !== null && e.DECOM > start && e.DECOM <= end) return false
    if (e.REC !== 'X1' && e.DEC !== null && e.DEC >= start && e.DEC < end) return false
    if (during && e.LS !== null && SSDA903_SHORT_BREAK_LS.has(e.LS)) return false
  }
  return inYear
}

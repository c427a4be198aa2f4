/**
 * 575: a missing period still open at the end of the year is from a placement that had not
 * ended. The placement is the episode the child was in on the day the period started (the
 * later one when an episode ends and the next begins that day), carried on through episodes
 * that change only the legal status (RNE L), since the placement goes on; if it has an end
 * date, the open missing period is reported.
 *
 * Reading: the community validator reports an open period that started in any episode with an
 * end date, even when the next episode is a change of legal status only (same placement) or
 * began that same day. Haven follows the message: the placement must have ended.
 */
import { NO_HITS } from '../../engine.js'
import { isBlank, type EpisodeRow } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { add, byStart, type Hits } from './support-4xx-5xx.js'

export const rule575: Ssda903Rule = {
  code: '575',
  type: 'error',
  message:
    'If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.',
  affects: [
    { table: 'Missing', fields: ['MIS_START', 'MIS_END'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC', 'RNE'] },
  ],
  check(child) {
    const open = child.current.Missing.filter((m) => m.MIS_START !== null && isBlank(m, 'MIS_END'))
    if (open.length === 0) return NO_HITS
    const episodes = byStart(child.current.Episodes)
    let hits: Hits | undefined
    for (const m of open) {
      const start = m.MIS_START!
      let placement: EpisodeRow | undefined
      for (const e of episodes) if (e.DECOM <= start && (e.DEC === null || e.DEC >= start)) placement = e
      if (!placement) continue
      let end = placement.DEC
      while (end !== null) {
        const next = episodes.find((e) => e.DECOM === end && e.RNE === 'L')
        if (!next) break
        end = next.DEC
      }
      if (end !== null) hits = add(hits, 'Missing', m, ['MIS_END'], `placement ended ${end}`)
    }
    return hits ?? NO_HITS
  },
}

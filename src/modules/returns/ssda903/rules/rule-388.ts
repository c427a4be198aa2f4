/**
 * 388: an episode ends X1 (a new episode begins the same day) exactly when the next episode, in
 * order of start, begins on its DEC. Reported: an X1 episode whose next episode starts another
 * day, an X1 episode with no next episode, and (as the community validator reads the DfE rule)
 * an episode with another reason whose next episode starts on its DEC.
 *
 * Ambiguous: the message speaks only of X1 without a continuation; Haven keeps the converse too,
 * as the validator does. Episodes are ordered by date (the validator sorts the DD/MM/YYYY text);
 * an episode without a valid DECOM cannot be placed in order and is not checked, nor is one
 * without a valid DEC.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { episodesByStart } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule388: Ssda903Rule = {
  code: '388',
  type: 'error',
  message: 'Reason episode ceased is coded new episode begins, but there is no continuation episode.',
  affects: [{ table: 'Episodes', fields: ['REC'] }],
  check(child) {
    const episodes = episodesByStart(child.current.Episodes).filter((e) => e.DECOM !== null)
    let hits: RuleHit<Ssda903Table>[] | undefined
    episodes.forEach((e, i) => {
      if (e.DEC === null || e.REC === null) return
      const next = episodes[i + 1]
      const continues = next !== undefined && next.DECOM === e.DEC
      if ((e.REC === 'X1') !== continues) (hits ??= []).push(hit('Episodes', e, ['REC', 'DEC']))
    })
    return hits ?? NO_HITS
  },
}

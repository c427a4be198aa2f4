/**
 * 357: the child's first episode, when it starts within the collection year, starts a period of
 * care (RNE S). A first episode starting before 1 April continues from earlier years and is not
 * checked; episodes without a valid DECOM are left out.
 */
import { NO_HITS, hit } from '../../engine.js'
import { episodesByStart } from '../episodes.js'
import type { Ssda903Rule } from '../rule.js'

export const rule357: Ssda903Rule = {
  code: '357',
  type: 'error',
  message:
    'If this is the first episode ever for this child, reason for new episode must be S. Check whether there is an episode immediately preceding this one, which has been left out. If not the reason for new episode code must be amended to S.',
  affects: [{ table: 'Episodes', fields: ['RNE'] }],
  check(child, ctx) {
    const first = episodesByStart(child.current.Episodes)[0]
    if (first?.DECOM == null || first.DECOM < ctx.collectionStart || first.RNE === 'S') return NO_HITS
    return [hit('Episodes', first, ['RNE'])]
  },
}

/**
 * 502: an episode open at the end of last year's return carries on into this year: this
 * year's first episode started on the same date. Reported on this year's first episode;
 * nothing is done without last year's Episodes.
 *
 * Reading: a last-year episode with no end date but also no readable start cannot be compared
 * and is left out (the community validator reports it as a mismatch).
 */
import { NO_HITS, hit } from '../../engine.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { firstEpisode } from './support-4xx-5xx.js'

export const rule502: Ssda903Rule = {
  code: '502',
  type: 'error',
  message:
    "Last year's record ended with an open episode. The date on which that episode started does not match the start date of the first episode on this year’s record.",
  affects: [{ table: 'Episodes', fields: ['DECOM'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('Episodes')) return NO_HITS
    const first = firstEpisode(child.current.Episodes)
    if (first === null) return NO_HITS
    for (const last of child.previous.Episodes) {
      if (last.DECOM !== null && isBlank(last, 'DEC') && last.DECOM !== first.DECOM)
        return [hit('Episodes', first, ['DECOM'], `open episode last year started ${last.DECOM}`)]
    }
    return NO_HITS
  },
}

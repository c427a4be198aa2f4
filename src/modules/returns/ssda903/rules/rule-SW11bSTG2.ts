/**
 * SW11bSTG2: a social worker episode that ended just before 31 March is followed by another:
 * a child looked after still has a social worker.
 *
 * The DfE's wording does not say how close to 31 March; the community validator looks at
 * episodes ending in the last five days of the year (27 to 31 March), and Haven does the same.
 * Such an episode is reported when no other episode of the child starts after it does (ordered
 * by start date). Episodes ending earlier in the year are covered by SW17STG2, which asks for
 * an open episode at 31 March. The validator's own logic pairs rows in file order and can
 * report the following episode instead; Haven reports the one that ended.
 */
import { NO_HITS, hit } from '../../engine.js'
import { shiftDate } from '../../cin/rules/shared-dates.js'
import type { Ssda903Rule } from '../rule.js'
import { swEpisodesByStart } from './shared-sw.js'

export const ruleSW11bSTG2: Ssda903Rule = {
  code: 'SW11bSTG2',
  type: 'error',
  message:
    'Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DEC'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    const episodes = swEpisodesByStart(child.current.SWEpisodes)
    const last = episodes[episodes.length - 1]
    if (!last || last.SW_DEC === null) return NO_HITS
    const from = shiftDate(ctx.collectionEnd, 0, 0, -5)
    if (last.SW_DEC < from || last.SW_DEC > ctx.collectionEnd) return NO_HITS
    return [hit('SWEpisodes', last, ['SW_DEC'])]
  },
}

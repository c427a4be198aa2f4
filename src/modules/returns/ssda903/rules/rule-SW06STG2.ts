import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

/** SW06STG2: a social worker episode cannot start after 31 March of the collection year. */
export const ruleSW06STG2: Ssda903Rule = {
  code: 'SW06STG2',
  type: 'error',
  message: 'Social worker episode data should be within the social worker data reporting year.',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DECOM'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const sw of child.current.SWEpisodes) {
      if (sw.SW_DECOM !== null && sw.SW_DECOM > ctx.collectionEnd)
        (hits ??= []).push(hit('SWEpisodes', sw, ['SW_DECOM']))
    }
    return hits ?? NO_HITS
  },
}

import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

/** SW09STG2: a social worker episode cannot end on the day it began (both dates real dates). */
export const ruleSW09STG2: Ssda903Rule = {
  code: 'SW09STG2',
  type: 'error',
  message: 'Social worker episode appears to have lasted for less than 24 hours.',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DECOM', 'SW_DEC'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const sw of child.current.SWEpisodes) {
      if (sw.SW_DECOM !== null && sw.SW_DECOM === sw.SW_DEC)
        (hits ??= []).push(hit('SWEpisodes', sw, ['SW_DECOM', 'SW_DEC']))
    }
    return hits ?? NO_HITS
  },
}

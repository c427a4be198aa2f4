/**
 * SW01aSTG1: every social worker episode has a real start date (SW_DECOM), and one that began
 * before 1 April 2023 also has the social worker's ID (its reason for change may be blank, as
 * reasons were not collected then). A blank or unreadable SW_DECOM is reported here, as in the
 * community validator (rule SW04STG1 also reports the unreadable one).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { SW_COLLECTED_FROM } from './shared-sw.js'

export const ruleSW01aSTG1: Ssda903Rule = {
  code: 'SW01aSTG1',
  type: 'error',
  message: 'For each social worker episode, information should be complete',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DECOM', 'SW_ID'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const sw of child.current.SWEpisodes) {
      if (sw.SW_DECOM === null) (hits ??= []).push(hit('SWEpisodes', sw, ['SW_DECOM']))
      else if (sw.SW_DECOM < SW_COLLECTED_FROM && isBlank(sw, 'SW_ID'))
        (hits ??= []).push(hit('SWEpisodes', sw, ['SW_ID']))
    }
    return hits ?? NO_HITS
  },
}

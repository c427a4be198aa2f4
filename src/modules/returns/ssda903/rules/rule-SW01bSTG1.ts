/**
 * SW01bSTG1: every social worker episode has a real start date (SW_DECOM), and one that began
 * on or after 1 April 2023 also has the social worker's ID and the reason for the change. A
 * blank or unreadable SW_DECOM is reported here too, as in the community validator.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { SW_COLLECTED_FROM } from './shared-sw.js'

export const ruleSW01bSTG1: Ssda903Rule = {
  code: 'SW01bSTG1',
  type: 'error',
  message: 'For each social worker episode, information should be complete',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DECOM', 'SW_ID', 'SW_REASON'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const sw of child.current.SWEpisodes) {
      if (sw.SW_DECOM === null) {
        ;(hits ??= []).push(hit('SWEpisodes', sw, ['SW_DECOM']))
        continue
      }
      if (sw.SW_DECOM < SW_COLLECTED_FROM) continue
      const blank = (['SW_ID', 'SW_REASON'] as const).filter((f) => isBlank(sw, f))
      if (blank.length > 0) (hits ??= []).push(hit('SWEpisodes', sw, blank))
    }
    return hits ?? NO_HITS
  },
}

/**
 * SW07STG2: a social worker episode's end date, when given, is on or after the start of the
 * social worker reporting period and on or before 31 March of the collection year.
 *
 * The reporting period is taken to start a year before the collection year (1 April 2024 for
 * 2025/26), as the community validator takes it; the DfE's wording does not give the date.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { swPeriodStart } from './shared-sw.js'

export const ruleSW07STG2: Ssda903Rule = {
  code: 'SW07STG2',
  type: 'error',
  message:
    'Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DEC'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    const from = swPeriodStart(ctx)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const sw of child.current.SWEpisodes) {
      const end = sw.SW_DEC
      if (end !== null && (end < from || end > ctx.collectionEnd))
        (hits ??= []).push(hit('SWEpisodes', sw, ['SW_DEC']))
    }
    return hits ?? NO_HITS
  },
}

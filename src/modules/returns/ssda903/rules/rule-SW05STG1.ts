/**
 * SW05STG1: the end date of a social worker episode, when given, is a real date (blank: the
 * episode is open). The DfE's message speaks of the date the episode began; it is copied as
 * written, but the field checked is SW_DEC. ZZ dates are reported, as in SW04STG1.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isInvalidDate, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const ruleSW05STG1: Ssda903Rule = {
  code: 'SW05STG1',
  type: 'error',
  message: 'Date social worker episode began is not a valid date.',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DEC'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const sw of child.current.SWEpisodes) {
      if (isInvalidDate(sw, 'SW_DEC')) (hits ??= []).push(hit('SWEpisodes', sw, ['SW_DEC']))
    }
    return hits ?? NO_HITS
  },
}

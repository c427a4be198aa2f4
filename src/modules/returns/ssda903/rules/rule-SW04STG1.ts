/**
 * SW04STG1: the start date of a social worker episode, when given, is a real date (blank is
 * SW01's concern).
 *
 * The community validator accepts a date with parts written ZZ here (its reader for partly
 * known dates, meant for DATE_PERM); the DfE allows that only for previous permanence orders, so
 * Haven reports it. (The DfE's message has two full stops; it is copied as written.)
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isInvalidDate, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const ruleSW04STG1: Ssda903Rule = {
  code: 'SW04STG1',
  type: 'error',
  message: 'Date social worker episode began is not a valid date..',
  affects: [{ table: 'SWEpisodes', fields: ['SW_DECOM'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const sw of child.current.SWEpisodes) {
      if (isInvalidDate(sw, 'SW_DECOM')) (hits ??= []).push(hit('SWEpisodes', sw, ['SW_DECOM']))
    }
    return hits ?? NO_HITS
  },
}

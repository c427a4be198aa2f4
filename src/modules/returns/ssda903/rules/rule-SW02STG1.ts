/**
 * SW02STG1: a social worker's ID begins SW (or XX, where the ID is not known). A blank ID does
 * not begin with either and is reported, as the community validator does.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const ruleSW02STG1: Ssda903Rule = {
  code: 'SW02STG1',
  type: 'error',
  message: 'Social worker ID does not begin with the characters ‘SW’ or ‘XX’.',
  affects: [{ table: 'SWEpisodes', fields: ['SW_ID'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const sw of child.current.SWEpisodes) {
      const id = sw.SW_ID ?? ''
      if (!id.startsWith('SW') && !id.startsWith('XX')) (hits ??= []).push(hit('SWEpisodes', sw, ['SW_ID']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * SW13STG1: the reason for a change of social worker, when given, is one of the DfE's codes;
 * for an episode that began on or after 1 April 2023 (when reasons began to be collected) it
 * must be given.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { SW_COLLECTED_FROM, SW_REASON_CODES } from './shared-sw.js'

export const ruleSW13STG1: Ssda903Rule = {
  code: 'SW13STG1',
  type: 'error',
  message: 'The reason for social worker change is not valid.',
  affects: [{ table: 'SWEpisodes', fields: ['SW_REASON'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('SWEpisodes')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const sw of child.current.SWEpisodes) {
      const reason = sw.SW_REASON
      const wrong =
        reason === null
          ? sw.SW_DECOM !== null && sw.SW_DECOM >= SW_COLLECTED_FROM
          : !SW_REASON_CODES.has(reason)
      if (wrong) (hits ??= []).push(hit('SWEpisodes', sw, ['SW_REASON']))
    }
    return hits ?? NO_HITS
  },
}

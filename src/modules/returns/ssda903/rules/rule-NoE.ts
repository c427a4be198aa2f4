/**
 * NoE: an episode that began before this collection year implies the child was looked after
 * last year, so last year's return should hold episodes for the child.
 *
 * Runs only when last year's return was given and held an Episodes table. Each of this year's
 * episodes that began before 1 April is reported.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const ruleNoE: Ssda903Rule = {
  code: 'NoE',
  type: 'error',
  message:
    'This child has no episodes loaded for previous year even though child started to be looked after before this current year.',
  affects: [{ table: 'Episodes', fields: ['DECOM'] }],
  check(child, ctx) {
    const { hasPrevious, supplied } = ctx.header
    if (!hasPrevious || !supplied.current.has('Episodes') || !supplied.previous.has('Episodes'))
      return NO_HITS
    if (child.previous.Episodes.length > 0) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const episode of child.current.Episodes) {
      if (episode.DECOM !== null && episode.DECOM < ctx.collectionStart)
        (hits ??= []).push(hit('Episodes', episode, ['DECOM']))
    }
    return hits ?? NO_HITS
  },
}

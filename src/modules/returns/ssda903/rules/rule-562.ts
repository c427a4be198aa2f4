/**
 * 562: an episode this year that started before 1 April was in last year's return: this
 * year's earliest such episode has the start date of last year's last episode. A child with no
 * episodes last year is reported. Nothing is done without last year's Episodes.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { firstEpisode, lastEpisode } from './support-4xx-5xx.js'

export const rule562: Ssda903Rule = {
  code: '562',
  type: 'error',
  message:
    'Episode commenced before the start of the current collection year but there is a missing continuous episode in the previous year.',
  affects: [{ table: 'Episodes', fields: ['DECOM'] }],
  check(child, ctx) {
    if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('Episodes')) return NO_HITS
    const first = firstEpisode(
      child.current.Episodes.filter((e) => e.DECOM !== null && e.DECOM < ctx.collectionStart),
    )
    if (first === null) return NO_HITS
    const last = lastEpisode(child.previous.Episodes)
    if (last !== null && last.DECOM === first.DECOM) return NO_HITS
    return [
      hit(
        'Episodes',
        first,
        ['DECOM'],
        last ? `last year's last episode started ${last.DECOM}` : 'no episodes last year',
      ),
    ]
  },
}

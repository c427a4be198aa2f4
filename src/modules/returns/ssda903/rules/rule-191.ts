import type { Ssda903Rule } from '../rule.js'
import { lookedAfterContinuously } from './shared-continuous-care.js'
import { HitList, anyGiven, firstEpisode, suppliedThisYear } from './shared-row-checks.js'

const CORE = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'] as const

/**
 * A child looked after continuously for 12 months at 31 March has the four core OC2 items
 * (immunisations, teeth, health assessment, substance misuse) completed. A child with no OC2
 * row at all is reported on the first episode (earliest start) when the OC2 table was supplied.
 */
export const rule191: Ssda903Rule = {
  code: '191',
  type: 'error',
  message:
    'Child has been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been left blank.',
  affects: [
    { table: 'OC2', fields: CORE },
    { table: 'Episodes', fields: ['CHILD'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes', 'OC2')) return hits.done()
    const episodes = child.current.Episodes
    if (!lookedAfterContinuously(episodes, ctx)) return hits.done()
    if (child.current.OC2.length === 0) {
      const first = firstEpisode(episodes)
      if (first) hits.add('Episodes', first, ['CHILD'])
    }
    for (const row of child.current.OC2) {
      if (CORE.some((f) => !anyGiven(row, [f]))) hits.add('OC2', row, CORE)
    }
    return hits.done()
  },
}

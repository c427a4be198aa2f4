import type { Ssda903Rule } from '../rule.js'
import { lookedAfterContinuously } from './shared-continuous-care.js'
import { HitList, suppliedThisYear } from './shared-row-checks.js'

/**
 * An SDQ score belongs only to a child looked after continuously for 12 months at 31 March
 * (see shared-continuous-care.ts); a child with no episodes this year is not.
 */
export const rule185: Ssda903Rule = {
  code: '185',
  type: 'error',
  message:
    'Child has not been looked after continuously for at least 12 months at 31 March but a Strengths and Difficulties (SDQ) score has been completed.',
  affects: [
    { table: 'OC2', fields: ['SDQ_SCORE'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC', 'RNE', 'REC', 'LS'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes')) return hits.done()
    const rows = child.current.OC2.filter((r) => r.SDQ_SCORE !== null)
    if (rows.length === 0 || lookedAfterContinuously(child.current.Episodes, ctx)) return hits.done()
    for (const row of rows) hits.add('OC2', row, ['SDQ_SCORE'])
    return hits.done()
  },
}

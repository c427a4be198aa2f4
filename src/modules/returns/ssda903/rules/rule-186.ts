import type { Ssda903Rule } from '../rule.js'
import { lookedAfterContinuously } from './shared-continuous-care.js'
import { HitList, birthday, suppliedThisYear } from './shared-row-checks.js'

/**
 * A child looked after continuously for 12 months at 31 March who was 4 or over on 1 April and
 * under 17 on 31 March (by OC2's DOB) has an SDQ score or a reason for none.
 */
export const rule186: Ssda903Rule = {
  code: '186',
  type: 'error',
  message:
    'Children aged 4 or over at the start of the year and children aged under 17 at the end of the year and who have been looked after for at least 12 months continuously should have a Strengths and Difficulties (SDQ) score completed.',
  affects: [
    { table: 'OC2', fields: ['SDQ_SCORE'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC', 'RNE', 'REC', 'LS'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes')) return hits.done()
    const rows = child.current.OC2.filter(
      (r) => r.SDQ_SCORE === null && r.SDQ_REASON === null && r.DOB !== null,
    )
    if (rows.length === 0 || !lookedAfterContinuously(child.current.Episodes, ctx)) return hits.done()
    for (const row of rows) {
      const dob = row.DOB as string
      if (birthday(dob, 4) <= ctx.collectionStart && birthday(dob, 17) > ctx.collectionEnd)
        hits.add('OC2', row, ['SDQ_SCORE'])
    }
    return hits.done()
  },
}

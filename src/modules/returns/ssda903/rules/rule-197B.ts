import type { Ssda903Rule } from '../rule.js'
import { lookedAfterContinuously } from './shared-continuous-care.js'
import { HitList, birthday, suppliedThisYear } from './shared-row-checks.js'

/**
 * A child looked after continuously for 12 months at 31 March whose 4th or 17th birthday falls
 * in the collection year (by OC2's DOB) has an SDQ score or a reason for none: those ages sit at
 * the edges of rule 186's band.
 */
export const rule197B: Ssda903Rule = {
  code: '197B',
  type: 'error',
  message: 'SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.',
  affects: [
    { table: 'OC2', fields: ['SDQ_REASON', 'DOB'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC', 'RNE', 'REC', 'LS'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes')) return hits.done()
    const rows = child.current.OC2.filter(
      (r) => r.SDQ_SCORE === null && r.SDQ_REASON === null && r.DOB !== null,
    )
    if (rows.length === 0 || !lookedAfterContinuously(child.current.Episodes, ctx)) return hits.done()
    const inYear = (day: string): boolean => day >= ctx.collectionStart && day <= ctx.collectionEnd
    for (const row of rows) {
      const dob = row.DOB as string
      if (inYear(birthday(dob, 4)) || inYear(birthday(dob, 17))) hits.add('OC2', row, ['SDQ_REASON', 'DOB'])
    }
    return hits.done()
  },
}

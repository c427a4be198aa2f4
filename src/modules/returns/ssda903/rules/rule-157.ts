/**
 * 157: SDQ1 (no SDQ because the child is under 4 or over 17) is the wrong reason for a child
 * in OC2's age band: looked after continuously for 12 months, 4 or over on 1 April and 16 or
 * under on 31 March, with no score.
 *
 * Read differently from the community validator: it takes "16 or under at the end of the year"
 * as a 16th birthday on or after 31 March, which leaves out children aged 16 on 31 March. Haven
 * reads the message as written (17th birthday after 31 March), the same band rule 186 uses for
 * "under 17 at the end of the year".
 */
import type { Ssda903Rule } from '../rule.js'
import { lookedAfterContinuously } from './shared-continuous-care.js'
import { HitList, birthday, suppliedThisYear } from './shared-row-checks.js'

export const rule157: Ssda903Rule = {
  code: '157',
  type: 'error',
  message:
    'Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason for no Strengths and Difficulties Questionnaire (SDQ) score.',
  affects: [
    { table: 'OC2', fields: ['SDQ_REASON', 'DOB'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC', 'RNE', 'REC', 'LS'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes')) return hits.done()
    const rows = child.current.OC2.filter(
      (r) => r.SDQ_REASON === 'SDQ1' && r.SDQ_SCORE === null && r.DOB !== null,
    )
    if (rows.length === 0 || !lookedAfterContinuously(child.current.Episodes, ctx)) return hits.done()
    for (const row of rows) {
      const dob = row.DOB as string
      if (birthday(dob, 4) <= ctx.collectionStart && birthday(dob, 17) > ctx.collectionEnd)
        hits.add('OC2', row, ['SDQ_REASON', 'DOB'])
    }
    return hits.done()
  },
}

import type { Ssda903Rule } from '../rule.js'
import { lookedAfterContinuously } from './shared-continuous-care.js'
import { HitList, anyGiven, suppliedThisYear } from './shared-row-checks.js'

const AD1_FIELDS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const
const OC3_FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const

/**
 * A child looked after continuously for 12 months at 31 March (the OC2 cohort) was neither
 * adopted nor left care this year: AD1 and OC3 rows holding anything are reported.
 *
 * Read differently from the community validator: a child whose care ended on 31 March itself,
 * for a reason other than X1, did leave care this year, so their AD1 or OC3 rows are not
 * reported. The 12 months (`lookedAfterContinuously`) still count that child, as rule 191 does
 * in asking for OC2: a child adopted on 31 March after a year in care has both, and without this
 * would fail 187 or the rules that ask an adopted child for AD1 whatever the authority wrote.
 */
export const rule187: Ssda903Rule = {
  code: '187',
  type: 'error',
  message:
    'Child cannot be looked after continuously for 12 months at 31 March (OC2) and have any of adoption or care leavers returns completed.',
  affects: [
    { table: 'AD1', fields: AD1_FIELDS },
    { table: 'OC3', fields: OC3_FIELDS },
    { table: 'Episodes', fields: ['DECOM', 'DEC', 'RNE', 'REC', 'LS'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes')) return hits.done()
    const ad1 = child.current.AD1.filter((r) => anyGiven(r, AD1_FIELDS))
    const oc3 = child.current.OC3.filter((r) => anyGiven(r, OC3_FIELDS))
    if (ad1.length + oc3.length === 0 || !lookedAfterContinuously(child.current.Episodes, ctx))
      return hits.done()
    const end = ctx.collectionEnd
    if (child.current.Episodes.some((e) => e.DEC === end && e.REC !== null && e.REC !== 'X1'))
      return hits.done()
    for (const row of ad1) hits.add('AD1', row, AD1_FIELDS)
    for (const row of oc3) hits.add('OC3', row, OC3_FIELDS)
    return hits.done()
  },
}

import type { Ssda903Rule } from '../rule.js'
import { lookedAfterContinuously } from './shared-continuous-care.js'
import { HitList, anyGiven, suppliedThisYear } from './shared-row-checks.js'

const FIELDS = [
  'CONVICTED',
  'HEALTH_CHECK',
  'IMMUNISATIONS',
  'TEETH_CHECK',
  'HEALTH_ASSESSMENT',
  'SUBSTANCE_MISUSE',
  'INTERVENTION_RECEIVED',
  'INTERVENTION_OFFERED',
] as const

/** The OC2 items belong only to a child looked after continuously for 12 months at 31 March. */
export const rule190: Ssda903Rule = {
  code: '190',
  type: 'error',
  message:
    'Child has not been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been completed.',
  affects: [
    { table: 'OC2', fields: FIELDS },
    { table: 'Episodes', fields: ['DECOM', 'DEC', 'RNE', 'REC', 'LS'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (!suppliedThisYear(ctx, 'Episodes')) return hits.done()
    const rows = child.current.OC2.filter((r) => anyGiven(r, FIELDS))
    if (rows.length === 0 || lookedAfterContinuously(child.current.Episodes, ctx)) return hits.done()
    for (const row of rows) hits.add('OC2', row, FIELDS)
    return hits.done()
  },
}

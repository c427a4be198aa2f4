import { SSDA903_FLAG_CODES } from '../codes.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

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

/** Each OC2 yes/no item, when given, is 0 or 1. The hit names the items at fault. */
export const rule181: Ssda903Rule = {
  code: '181',
  type: 'error',
  message:
    'Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.',
  affects: [{ table: 'OC2', fields: FIELDS }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.OC2) {
      const bad = FIELDS.filter((f) => row[f] !== null && !SSDA903_FLAG_CODES.has(row[f]))
      if (bad.length > 0) hits.add('OC2', row, bad)
    }
    return hits.done()
  },
}

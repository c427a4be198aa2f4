/**
 * 215: a child with care leaver information (OC3) has none of the health and offending items
 * of children looked after for 12 months (OC2). The SDQ items are not among them.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const OC3_FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const
const OC2_FIELDS = [
  'CONVICTED',
  'HEALTH_CHECK',
  'IMMUNISATIONS',
  'TEETH_CHECK',
  'HEALTH_ASSESSMENT',
  'SUBSTANCE_MISUSE',
  'INTERVENTION_RECEIVED',
  'INTERVENTION_OFFERED',
] as const

export const rule215: Ssda903Rule = {
  code: '215',
  type: 'error',
  message:
    'Child has care leaver information but one or more data items relating to children looked after for 12 months have been completed.',
  affects: [
    { table: 'OC3', fields: OC3_FIELDS },
    { table: 'OC2', fields: OC2_FIELDS },
  ],
  check(child) {
    const leaver = child.current.OC3.filter((r) => OC3_FIELDS.some((f) => !isBlank(r, f)))
    const twelveMonths = child.current.OC2.filter((r) => OC2_FIELDS.some((f) => !isBlank(r, f)))
    if (leaver.length === 0 || twelveMonths.length === 0) return NO_HITS
    const hits: RuleHit<Ssda903Table>[] = []
    for (const r of leaver) hits.push(hit('OC3', r, OC3_FIELDS))
    for (const r of twelveMonths)
      hits.push(
        hit(
          'OC2',
          r,
          OC2_FIELDS.filter((f) => !isBlank(r, f)),
        ),
      )
    return hits
  },
}

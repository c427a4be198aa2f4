import type { Ssda903Rule } from '../rule.js'
import { HitList, allGiven, anyGiven } from './shared-row-checks.js'

const CORE = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'] as const
const OTHERS = ['CONVICTED', 'HEALTH_CHECK', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'] as const

/**
 * When any of the four core OC2 items (immunisations, teeth, health assessment, substance
 * misuse) is blank, the other four items are blank too. As the DfE's condition puts it, a row
 * with only some core items and nothing else is left to rule 191.
 */
export const rule182: Ssda903Rule = {
  code: '182',
  type: 'error',
  message:
    'Data entries on immunisations, teeth checks, health assessments and substance misuse problem identified should be completed or all OC2 fields should be left blank.',
  affects: [{ table: 'OC2', fields: [...CORE, ...OTHERS] }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.OC2) {
      if (!allGiven(row, CORE) && anyGiven(row, OTHERS)) hits.add('OC2', row, [...CORE, ...OTHERS])
    }
    return hits.done()
  },
}

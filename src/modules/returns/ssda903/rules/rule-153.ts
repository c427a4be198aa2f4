import type { Ssda903Rule } from '../rule.js'
import { HitList, allGiven, anyGiven } from './shared-row-checks.js'

const FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const

/** The three OC3 items are all given or all blank. */
export const rule153: Ssda903Rule = {
  code: '153',
  type: 'error',
  message:
    "All data items relating to a child's activity or accommodation after leaving care must be coded or left blank.",
  affects: [{ table: 'OC3', fields: FIELDS }],
  check(child) {
    const hits = new HitList()
    for (const row of child.current.OC3) {
      if (anyGiven(row, FIELDS) && !allGiven(row, FIELDS)) hits.add('OC3', row, FIELDS)
    }
    return hits.done()
  },
}

import type { Ssda903Rule } from '../rule.js'
import { HitList, careLeaverRows, lastEpisode } from './shared-row-checks.js'

/**
 * A child whose latest episode (by start date) ended with care taken over by another LA (REC
 * E3) has no care leaver data here: the other LA returns it.
 */
export const rule1011: Ssda903Rule = {
  code: '1011',
  type: 'error',
  message:
    'This child is recorded as having his/her care transferred to another local authority for the final episode and therefore should not have the care leaver information completed.',
  affects: [
    { table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] },
    { table: 'Episodes', fields: ['REC'] },
  ],
  check(child) {
    const hits = new HitList()
    const rows = careLeaverRows(child.current.OC3)
    if (rows.length === 0 || lastEpisode(child.current.Episodes)?.REC !== 'E3') return hits.done()
    for (const row of rows) hits.add('OC3', row, ['IN_TOUCH', 'ACTIV', 'ACCOM'])
    return hits.done()
  },
}

/**
 * 377: at most two temporary placements while the usual foster carers are on holiday (T3). Like
 * the community validator, Haven counts the child's T3 episodes in the return, not in a rolling
 * 12 months; every T3 episode is reported when there are more than two.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'

export const rule377: Ssda903Rule = {
  code: '377',
  type: 'error',
  message:
    'Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.',
  affects: [{ table: 'Episodes', fields: ['PLACE'] }],
  check(child) {
    const holidays = child.current.Episodes.filter((e) => e.PLACE === 'T3')
    if (holidays.length <= 2) return NO_HITS
    return holidays.map((e) => hit('Episodes', e, ['PLACE'], `${holidays.length} T3 placements`))
  },
}

/**
 * 334: the decision that a child should be placed for adoption (AD1 DATE_INT) is not before the
 * start of their latest period of care: the latest episode this year with RNE S.
 */
import { NO_HITS, hit } from '../../engine.js'
import { episodesByStart } from '../episodes.js'
import type { Ssda903Rule } from '../rule.js'

export const rule334: Ssda903Rule = {
  code: '334',
  type: 'error',
  message:
    'Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption.',
  affects: [
    { table: 'Episodes', fields: ['DECOM', 'RNE'] },
    { table: 'AD1', fields: ['DATE_INT'] },
  ],
  check(child) {
    const start = episodesByStart(child.current.Episodes).findLast((e) => e.RNE === 'S' && e.DECOM !== null)
    const decom = start?.DECOM
    if (!start || decom == null) return NO_HITS
    const early = child.current.AD1.filter((a) => a.DATE_INT !== null && a.DATE_INT < decom)
    if (early.length === 0) return NO_HITS
    return [hit('Episodes', start, ['DECOM', 'RNE']), ...early.map((a) => hit('AD1', a, ['DATE_INT']))]
  },
}

/**
 * 1540: characters 5–12 of a UPN must all be digits. As in the reference validator this looks
 * at whatever characters 5–12 there are, so a UPN too short to have any fails, and the UPN's
 * length is not itself checked here.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

const DIGITS = /^\d+$/

export const rule1540: CinRule = {
  code: '1540',
  type: 'error',
  message: 'UPN invalid (characters 5-12 not all numeric)',
  affects: [{ table: 'ChildIdentifiers', fields: ['UPN'] }],
  check(child) {
    const upn = child.UPN
    if (upn === null || DIGITS.test(upn.slice(4, 12))) return NO_HITS
    return [hit('ChildIdentifiers', child, ['UPN'])]
  },
}

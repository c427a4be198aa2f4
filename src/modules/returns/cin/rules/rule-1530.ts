/**
 * 1530 (2023/24 definition): characters 2–4 of a 13-character UPN must be a recognised LA code.
 * A UPN of any other length is left to the other UPN rules, as in the reference validator.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'
import { UPN_LA_CODES } from './shared-upn.js'

export const rule1530: CinRule = {
  code: '1530',
  type: 'error',
  message: 'UPN invalid (characters 2-4 not a recognised LA code)',
  affects: [{ table: 'ChildIdentifiers', fields: ['UPN'] }],
  check(child) {
    const upn = child.UPN
    if (upn === null || upn.length !== 13 || UPN_LA_CODES.has(upn.slice(1, 4))) return NO_HITS
    return [hit('ChildIdentifiers', child, ['UPN'], `LA code ${upn.slice(1, 4)}`)]
  },
}

/**
 * 1550: character 13 of a UPN is a digit or a capital letter other than I, O and S. Only a
 * 13-character UPN is checked (the reference validator's reading).
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

const LAST = /^[0-9A-HJ-NP-RT-Z]$/

export const rule1550: CinRule = {
  code: '1550',
  type: 'error',
  message: 'UPN invalid (character 13 not a recognised value)',
  affects: [{ table: 'ChildIdentifiers', fields: ['UPN'] }],
  check(child) {
    const upn = child.UPN
    if (upn === null || upn.length !== 13 || LAST.test(upn.charAt(12))) return NO_HITS
    return [hit('ChildIdentifiers', child, ['UPN'])]
  },
}

/**
 * 302: the child's earliest episode this year (by DECOM) does not start before their date of
 * birth. Episodes without a valid DECOM are left to the date rules.
 */
import { NO_HITS, hit } from '../../engine.js'
import { dobOf, episodesByStart } from '../episodes.js'
import type { Ssda903Rule } from '../rule.js'

export const rule302: Ssda903Rule = {
  code: '302',
  type: 'error',
  message: 'First episode starts before child was born.',
  affects: [
    { table: 'Episodes', fields: ['DECOM'] },
    { table: 'Header', fields: ['DOB'] },
  ],
  check(child) {
    const dob = dobOf(child)
    const first = episodesByStart(child.current.Episodes)[0]
    const header = child.current.Header[0]
    if (dob === null || !header || first?.DECOM == null || first.DECOM >= dob) return NO_HITS
    return [hit('Episodes', first, ['DECOM']), hit('Header', header, ['DOB'])]
  },
}

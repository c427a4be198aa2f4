/**
 * 1510: the first character of a UPN is a check letter over the twelve characters after it
 * (DfE UPN guide): weight characters 2 to 13 by 2 to 13, sum, take the remainder on dividing
 * by 23, and read the letter from A–Z without I, O and S.
 *
 * Only a 13-character UPN whose last twelve characters are all digits can be checked; a
 * temporary UPN (ending in a letter) or a malformed one is left to 1540 and 1550, as in the
 * reference validator.
 */
import { upnCheckLetter as checkLetterOf } from '../../../people/identifiers.js'
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

const CHECKABLE = /^.\d{12}$/

/** The check letter for a UPN's last twelve digits, or null when they are not twelve digits. */
export function upnCheckLetter(upn: string): string | null {
  return CHECKABLE.test(upn) ? checkLetterOf(upn.slice(1)) : null
}

export const rule1510: CinRule = {
  code: '1510',
  type: 'error',
  message: 'UPN invalid (wrong check letter at character 1)',
  affects: [{ table: 'ChildIdentifiers', fields: ['UPN'] }],
  check(child) {
    const upn = child.UPN
    if (upn === null) return NO_HITS
    const expected = upnCheckLetter(upn)
    if (expected === null || upn[0] === expected) return NO_HITS
    return [hit('ChildIdentifiers', child, ['UPN'], `check letter should be ${expected}`)]
  },
}

/**
 * 8525Q: a child has either a date of birth or an expected date of birth, not both and not
 * neither. A date that cannot be read counts as not given, as in the reference validator.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

export const rule8525Q: CinRule = {
  code: '8525Q',
  type: 'query',
  message: 'Either Date of Birth or Expected Date of Birth must be provided (but not both)',
  affects: [{ table: 'ChildIdentifiers', fields: ['PersonBirthDate', 'ExpectedPersonBirthDate'] }],
  check(child) {
    if ((child.PersonBirthDate === null) !== (child.ExpectedPersonBirthDate === null)) return NO_HITS
    return [hit('ChildIdentifiers', child, ['PersonBirthDate', 'ExpectedPersonBirthDate'])]
  },
}

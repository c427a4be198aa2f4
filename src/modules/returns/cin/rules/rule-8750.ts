/**
 * 8750: an unborn child (an expected date of birth and no date of birth) must have Sex "U".
 * A date of birth that cannot be read counts as none, as in the DfE validator.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

export const rule8750: CinRule = {
  code: '8750',
  type: 'error',
  message: 'Sex must equal U for an unborn child',
  affects: [{ table: 'ChildIdentifiers', fields: ['Sex', 'PersonBirthDate', 'ExpectedPersonBirthDate'] }],
  check(child) {
    if (child.PersonBirthDate !== null || child.ExpectedPersonBirthDate === null || child.Sex === 'U')
      return NO_HITS
    return [hit('ChildIdentifiers', child, ['Sex', 'PersonBirthDate', 'ExpectedPersonBirthDate'])]
  },
}

/**
 * 8535Q: a child's date of death should not be before the date of birth. As in the reference
 * validator, a date of death with no readable date of birth is queried too.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

export const rule8535Q: CinRule = {
  code: '8535Q',
  type: 'query',
  message:
    'Please check and either amend data or provide a reason: Child’s date of death should not be prior to the date of birth',
  affects: [{ table: 'ChildIdentifiers', fields: ['PersonDeathDate', 'PersonBirthDate'] }],
  check(child) {
    const death = child.PersonDeathDate
    const birth = child.PersonBirthDate
    if (death === null || (birth !== null && birth <= death)) return NO_HITS
    return [hit('ChildIdentifiers', child, ['PersonDeathDate', 'PersonBirthDate'])]
  },
}

/** 8520: a child's date of birth cannot be after the end of the census year. */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

export const rule8520: CinRule = {
  code: '8520',
  type: 'error',
  message:
    'Date of Birth is after data collection period (must be on or before the end of the census period)',
  affects: [{ table: 'ChildIdentifiers', fields: ['PersonBirthDate'] }],
  check(child, ctx) {
    const birth = child.PersonBirthDate
    if (birth === null || birth <= ctx.collectionEnd) return NO_HITS
    return [hit('ChildIdentifiers', child, ['PersonBirthDate'], `born ${birth}`)]
  },
}

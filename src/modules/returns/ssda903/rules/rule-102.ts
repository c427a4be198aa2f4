import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

/** Every child has a real date of birth: blank counts as not valid, as the DfE reads it. */
export const rule102: Ssda903Rule = {
  code: '102',
  type: 'error',
  message: 'Date of birth is not a valid date.',
  affects: [{ table: 'Header', fields: ['DOB'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.DOB === null) (hits ??= []).push(hit('Header', header, ['DOB']))
    }
    return hits ?? NO_HITS
  },
}

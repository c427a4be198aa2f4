/** 345: a care leaver the LA is in touch with (IN_TOUCH YES) has an activity and accommodation other than 0. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule345: Ssda903Rule = {
  code: '345',
  type: 'error',
  message:
    'The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.',
  affects: [{ table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const r of child.current.OC3) {
      if (r.IN_TOUCH !== 'YES') continue
      const zero = (['ACTIV', 'ACCOM'] as const).filter((f) => r[f] === '0')
      if (zero.length > 0) (hits ??= []).push(hit('OC3', r, ['IN_TOUCH', ...zero]))
    }
    return hits ?? NO_HITS
  },
}

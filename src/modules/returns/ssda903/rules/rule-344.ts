/**
 * 344: a care leaver who has died (IN_TOUCH DIED) or returned home for 6 months or more (RHOM)
 * has no activity or accommodation: ACTIV and ACCOM are 0.
 *
 * Haven reports a value other than 0; a blank is not "completed", and is left to 132 and 133.
 * The community validator also reports blanks here.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const NO_ACTIVITY = new Set(['DIED', 'RHOM'])

export const rule344: Ssda903Rule = {
  code: '344',
  type: 'error',
  message:
    'The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation on leaving care have been completed.',
  affects: [{ table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const r of child.current.OC3) {
      if (r.IN_TOUCH === null || !NO_ACTIVITY.has(r.IN_TOUCH)) continue
      const filled = (['ACTIV', 'ACCOM'] as const).filter((f) => r[f] !== null && r[f] !== '0')
      if (filled.length > 0) (hits ??= []).push(hit('OC3', r, ['IN_TOUCH', ...filled]))
    }
    return hits ?? NO_HITS
  },
}

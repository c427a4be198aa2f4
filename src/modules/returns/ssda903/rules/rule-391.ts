/**
 * 391: care leaver information (any of IN_TOUCH, ACTIV, ACCOM) is only for a young person who
 * was 17, 18, 19, 20 or 21 at some time in the collection year: reported when the 17th birthday
 * is after 31 March, or the 22nd birthday on or before 1 April.
 *
 * The community validator reports only the first (too young); Haven also reports the second,
 * which the message equally describes.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { addYears } from '../episodes.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule391: Ssda903Rule = {
  code: '391',
  type: 'error',
  message: 'Young person was not 17, 18, 19, 20 or 21 during the current collection year.',
  affects: [{ table: 'OC3', fields: ['DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const r of child.current.OC3) {
      if (r.DOB === null || (['IN_TOUCH', 'ACTIV', 'ACCOM'] as const).every((f) => isBlank(r, f))) continue
      if (addYears(r.DOB, 17) > ctx.collectionEnd || addYears(r.DOB, 22) <= ctx.collectionStart)
        (hits ??= []).push(hit('OC3', r, ['DOB']))
    }
    return hits ?? NO_HITS
  },
}

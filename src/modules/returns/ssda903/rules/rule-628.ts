/**
 * 628: a care leaver reported only in OC3 (no episodes this year) has no motherhood details:
 * MOTHER is blank. An OC3 row with IN_TOUCH, ACTIV and ACCOM all blank does not make the child
 * a care leaver here. Runs only when Header, Episodes and OC3 were all supplied.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule628: Ssda903Rule = {
  code: '628',
  type: 'error',
  message:
    'Motherhood details are not required for care leavers who have not been looked after during the year.',
  affects: [{ table: 'Header', fields: ['MOTHER'] }],
  check(child, ctx) {
    const supplied = ctx.header.supplied.current
    if (!supplied.has('Header') || !supplied.has('Episodes') || !supplied.has('OC3')) return NO_HITS
    if (child.current.Episodes.length > 0) return NO_HITS
    const careLeaver = child.current.OC3.some(
      (o) => !isBlank(o, 'IN_TOUCH') || !isBlank(o, 'ACTIV') || !isBlank(o, 'ACCOM'),
    )
    if (!careLeaver) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (!isBlank(header, 'MOTHER')) (hits ??= []).push(hit('Header', header, ['MOTHER']))
    }
    return hits ?? NO_HITS
  },
}

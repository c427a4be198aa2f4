/**
 * 164: the placement distance (derived from HOME_POST and PL_POST, standards §b.6) is between 0
 * and 999.9 miles. Children who are or were UASC (a UASC row this year or last) have no distance,
 * nor do short breaks (LS V3, V4): they are not checked.
 *
 * Read differently from the community validator: it passes over an episode whose distance
 * could not be derived. When that is because a postcode is not in the reference table, Haven
 * reports the episode and names the postcode, as the message asks the LA to check it, rather than
 * pass it silently. A blank postcode derives no distance and is left to rules 169 and 179.
 */
import type { Ssda903Rule } from '../rule.js'
import { HitList, isShortBreak, unknownPostcodesDetail } from './shared-row-checks.js'

export const rule164: Ssda903Rule = {
  code: '164',
  type: 'error',
  message:
    'Distance is not valid. Please check a valid postcode has been entered. [NOTE: This check will result in false positives for children formerly UASC not identified as such in loaded data]',
  affects: [
    { table: 'Episodes', fields: ['PL_DISTANCE'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    if (child.uasc || child.previousUasc) return hits.done()
    for (const e of child.current.Episodes) {
      if (isShortBreak(e)) continue
      const facts = ctx.header.placement(e)
      if (facts.distance !== null) {
        if (facts.distance < 0 || facts.distance > 999.9)
          hits.add('Episodes', e, ['PL_DISTANCE'], `${facts.distance} miles`)
      } else {
        const detail = unknownPostcodesDetail(facts)
        if (detail !== undefined) hits.add('Episodes', e, ['PL_DISTANCE'], detail)
      }
    }
    return hits.done()
  },
}

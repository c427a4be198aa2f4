import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, isShortBreak, unknownPostcodesDetail } from './shared-row-checks.js'

/**
 * Every episode other than short breaks (LS V3, V4) has a placement location (in or out of the
 * LA's area), derived from PL_POST. When it cannot be derived the hit says why.
 */
export const rule179: Ssda903Rule = {
  code: '179',
  type: 'error',
  message: 'Placement location code is not a valid code.',
  affects: [
    { table: 'Episodes', fields: ['PL_LOCATION'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    for (const e of child.current.Episodes) {
      if (isShortBreak(e)) continue
      const facts = ctx.header.placement(e)
      if (facts.location !== null) continue
      const detail = isBlank(e, 'PL_POST') ? 'No placement postcode' : unknownPostcodesDetail(facts)
      hits.add('Episodes', e, ['PL_LOCATION'], detail)
    }
    return hits.done()
  },
}

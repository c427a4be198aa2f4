import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, isShortBreak, unknownPostcodesDetail } from './shared-row-checks.js'

/**
 * Every episode other than short breaks (LS V3, V4) has a placement LA, derived from PL_POST.
 * When it cannot be derived the hit says why: the postcode is blank, or not in the reference.
 */
export const rule169: Ssda903Rule = {
  code: '169',
  type: 'error',
  message:
    'Local Authority (LA) of placement is not valid or is missing. Please check a valid postcode has been entered.',
  affects: [
    { table: 'Episodes', fields: ['PL_LA'] },
    { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    for (const e of child.current.Episodes) {
      if (isShortBreak(e)) continue
      const facts = ctx.header.placement(e)
      if (facts.la !== null) continue
      const detail = isBlank(e, 'PL_POST') ? 'No placement postcode' : unknownPostcodesDetail(facts)
      hits.add('Episodes', e, ['PL_LA'], detail)
    }
    return hits.done()
  },
}

/**
 * 1007: a young person aged 17 or 18 on 31 March (by OC3's DOB) who was looked after on their
 * latest birthday (an episode that began on or before it and ended after it, or is still open)
 * has no care leaver data.
 *
 * Read differently from the community validator: it counts only episodes that ended after the
 * birthday, so a young person still in care (episode open) is never reported, although the
 * DfE's condition names exactly that case (the current episode has no date ceased). Haven counts
 * open episodes too. An episode whose end date cannot be read is passed over. A 29 February
 * birthday falls on 28 February in other years (the validator cannot evaluate such a date).
 */
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, birthday, careLeaverRows } from './shared-row-checks.js'

export const rule1007: Ssda903Rule = {
  code: '1007',
  type: 'error',
  message:
    'Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]',
  affects: [
    { table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    const end = ctx.collectionEnd
    for (const row of careLeaverRows(child.current.OC3)) {
      const dob = row.DOB
      if (dob === null || birthday(dob, 17) > end || birthday(dob, 19) <= end) continue
      const age = birthday(dob, 18) <= end ? 18 : 17
      const day = birthday(dob, age)
      const inCare = child.current.Episodes.some(
        (e) => e.DECOM !== null && e.DECOM <= day && (e.DEC !== null ? e.DEC > day : isBlank(e, 'DEC')),
      )
      if (inCare)
        hits.add('OC3', row, ['IN_TOUCH', 'ACTIV', 'ACCOM'], `Looked after on their ${age}th birthday`)
    }
    return hits.done()
  },
}

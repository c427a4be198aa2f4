/**
 * 1007: a young person aged 17 or 18 on 31 March (by OC3's DOB) who is still looked after (their
 * current episode, the one that began last, has no date or no reason ceased) has no care leaver
 * data: they are not a care leaver yet.
 *
 * Read differently from the community validator: it looks instead for an episode that spans the
 * latest birthday and ended after it, so a young person still in care is never reported, and
 * one who left care after the birthday is (which is rule 1016's test). Haven applies the DfE's
 * condition, which the message's "still looked after" states: the current episode is open.
 */
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, birthday, careLeaverRows, lastEpisode } from './shared-row-checks.js'

export const rule1007: Ssda903Rule = {
  code: '1007',
  type: 'error',
  message:
    'Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]',
  affects: [
    { table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] },
    { table: 'Episodes', fields: ['DEC', 'REC'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    const rows = careLeaverRows(child.current.OC3)
    if (rows.length === 0) return hits.done()
    const current = lastEpisode(child.current.Episodes)
    if (!current || !(isBlank(current, 'DEC') || current.REC === null)) return hits.done()
    const end = ctx.collectionEnd
    for (const row of rows) {
      const dob = row.DOB
      if (dob === null || birthday(dob, 17) > end || birthday(dob, 19) <= end) continue
      hits.add('OC3', row, ['IN_TOUCH', 'ACTIV', 'ACCOM'])
    }
    return hits.done()
  },
}

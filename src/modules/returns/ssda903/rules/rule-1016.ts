import type { Ssda903Rule } from '../rule.js'
import { HitList, birthday, careLeaverRows } from './shared-row-checks.js'

/**
 * A young person aged 17 on 31 March (by OC3's DOB) whose episode ceased on or after their 17th
 * birthday, or aged 18 whose episode ceased on or after their 18th, has no care leaver data: they
 * left care after the birthday the OC3 data is about.
 */
export const rule1016: Ssda903Rule = {
  code: '1016',
  type: 'error',
  message:
    'Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after their birthday.',
  affects: [
    { table: 'OC3', fields: ['IN_TOUCH', 'ACTIV', 'ACCOM'] },
    { table: 'Episodes', fields: ['DEC'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    const end = ctx.collectionEnd
    for (const row of careLeaverRows(child.current.OC3)) {
      const dob = row.DOB
      if (dob === null || birthday(dob, 17) > end || birthday(dob, 19) <= end) continue
      const day = birthday(dob, birthday(dob, 18) <= end ? 18 : 17)
      if (child.current.Episodes.some((e) => e.DEC !== null && e.DEC >= day))
        hits.add('OC3', row, ['IN_TOUCH', 'ACTIV', 'ACCOM'])
    }
    return hits.done()
  },
}

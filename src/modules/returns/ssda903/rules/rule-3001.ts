import type { Ssda903Rule } from '../rule.js'
import { HitList, birthday } from './shared-row-checks.js'

/**
 * A care leaver whose 17th birthday falls in the collection year (by the Header's DOB) is not
 * recorded as living with former foster carers (ACCOM Z1 or Z2). The DfE lists REC among the
 * fields; the rule reads ACCOM, and the hit names it.
 */
export const rule3001: Ssda903Rule = {
  code: '3001',
  type: 'error',
  message:
    'Where care leavers information is being returned for a young person around their 17th birthday, the accommodation cannot be with their former foster carer(s).',
  affects: [
    { table: 'OC3', fields: ['ACCOM'] },
    { table: 'Header', fields: ['DOB'] },
  ],
  check(child, ctx) {
    const turns17InYear = child.current.Header.some((h) => {
      if (h.DOB === null) return false
      const day = birthday(h.DOB, 17)
      return day >= ctx.collectionStart && day <= ctx.collectionEnd
    })
    const hits = new HitList()
    if (!turns17InYear) return hits.done()
    for (const row of child.current.OC3) {
      if (row.ACCOM === 'Z1' || row.ACCOM === 'Z2') hits.add('OC3', row, ['ACCOM'])
    }
    return hits.done()
  },
}

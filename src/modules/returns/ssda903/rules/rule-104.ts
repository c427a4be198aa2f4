import { isInvalidDate } from '../model.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList } from './shared-row-checks.js'

/**
 * DUC (date UASC status ceased), when given, is a real date and not before the collection year
 * begins: a status that ceased before this year belongs to an earlier return.
 */
export const rule104: Ssda903Rule = {
  code: '104',
  type: 'error',
  message: 'Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.',
  affects: [{ table: 'UASC', fields: ['DUC'] }],
  check(child, ctx) {
    const hits = new HitList()
    for (const row of child.current.UASC) {
      const early = row.DUC !== null && row.DUC < ctx.collectionStart
      if (early || isInvalidDate(row, 'DUC')) hits.add('UASC', row, ['DUC'])
    }
    return hits.done()
  },
}

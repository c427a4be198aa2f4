/**
 * 8510: each child record has its own LA child identifier. Every child sharing an identifier
 * with another is reported, the first as well as the later ones.
 *
 * As in the reference validator (pandas' `duplicated`), children with no identifier count as
 * sharing the same one: two or more such children are reported here as well as by 8500.
 */
import type { ReturnHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinReturnRule } from '../rule.js'
import { FirstSeen } from './first-seen.js'
import { returnHit } from './shared-hits.js'

export const rule8510: CinReturnRule = {
  code: '8510',
  type: 'error',
  message: 'More than one child record with the same LA Child ID',
  affects: [{ table: 'ChildIdentifiers', fields: ['LAchildID'] }],
  scope: 'return',
  begin() {
    const firstById = new FirstSeen<string | null>()
    const hits: ReturnHit<CinTable>[] = []
    return {
      see(child) {
        const id = child.LAchildID
        const first = firstById.see(id, child)
        if (first === undefined) return
        if (first !== null) hits.push(returnHit(id, 'ChildIdentifiers', first, ['LAchildID']))
        hits.push(returnHit(id, 'ChildIdentifiers', child, ['LAchildID']))
      },
      finish() {
        return hits
      },
    }
  },
}

/**
 * 1520: a UPN may belong to one child only. Every child sharing a UPN with another is reported
 * (the first as well as the later ones). A blank UPN is not a duplicate.
 */
import type { ReturnHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinReturnRule } from '../rule.js'
import { FirstSeen } from './first-seen.js'
import { returnHit } from './shared-hits.js'

export const rule1520: CinReturnRule = {
  code: '1520',
  type: 'error',
  message: 'More than one record with the same UPN.',
  affects: [{ table: 'ChildIdentifiers', fields: ['UPN'] }],
  scope: 'return',
  begin() {
    const firstByUpn = new FirstSeen<string>()
    const hits: ReturnHit<CinTable>[] = []
    return {
      see(child) {
        const upn = child.UPN
        if (upn === null) return
        const first = firstByUpn.see(upn, child)
        if (first === undefined) return
        if (first !== null) hits.push(returnHit(first.childId, 'ChildIdentifiers', first, ['UPN']))
        hits.push(returnHit(child.LAchildID, 'ChildIdentifiers', child, ['UPN']))
      },
      finish() {
        return hits
      },
    }
  },
}

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
import { returnHit } from './shared-hits.js'

interface FirstHolder {
  row: number
  line?: number
  reported: boolean
}

export const rule8510: CinReturnRule = {
  code: '8510',
  type: 'error',
  message: 'More than one child record with the same LA Child ID',
  affects: [{ table: 'ChildIdentifiers', fields: ['LAchildID'] }],
  scope: 'return',
  begin() {
    const firstById = new Map<string | null, FirstHolder>()
    const hits: ReturnHit<CinTable>[] = []
    return {
      see(child) {
        const id = child.LAchildID
        const first = firstById.get(id)
        if (first === undefined) {
          const holder: FirstHolder = { row: child.row, reported: false }
          if (child.line !== undefined) holder.line = child.line
          firstById.set(id, holder)
          return
        }
        if (!first.reported) {
          first.reported = true
          hits.push(returnHit(id, 'ChildIdentifiers', first, ['LAchildID']))
        }
        hits.push(returnHit(id, 'ChildIdentifiers', child, ['LAchildID']))
      },
      finish() {
        return hits
      },
    }
  },
}

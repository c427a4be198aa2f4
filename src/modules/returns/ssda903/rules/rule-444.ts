/**
 * 444: a UPN is used by one Header row only. The "unknown" codes UN1–UN5 may repeat. Every row
 * holding a repeated UPN is reported, under its child.
 *
 * Reading: as the DfE defines it, only UN1–UN5 may repeat; UN6 and UN7 are not 903 codes, so
 * repeats of them are reported like any other value.
 */
import type { ReturnHit } from '../../engine.js'
import type { HeaderRow, Ssda903Table } from '../model.js'
import type { Ssda903ReturnRule } from '../rule.js'

const MAY_REPEAT = new Set(['UN1', 'UN2', 'UN3', 'UN4', 'UN5'])

export const rule444: Ssda903ReturnRule = {
  code: '444',
  type: 'error',
  message: 'Duplicate UPN has been reported',
  affects: [{ table: 'Header', fields: ['UPN'] }],
  scope: 'return',
  begin() {
    const byUpn = new Map<string, { childId: string; row: HeaderRow }[]>()
    return {
      see(child) {
        for (const row of child.current.Header) {
          if (row.UPN === null || MAY_REPEAT.has(row.UPN)) continue
          const rows = byUpn.get(row.UPN)
          if (rows) rows.push({ childId: child.id, row })
          else byUpn.set(row.UPN, [{ childId: child.id, row }])
        }
      },
      finish() {
        const hits: ReturnHit<Ssda903Table>[] = []
        for (const rows of byUpn.values()) {
          if (rows.length < 2) continue
          for (const { childId, row } of rows) {
            const h: ReturnHit<Ssda903Table> = { table: 'Header', row: row.row, fields: ['UPN'], childId }
            if (row.line !== undefined) h.line = row.line
            hits.push(h)
          }
        }
        return hits.sort((a, b) => a.row - b.row)
      },
    }
  },
}

/**
 * Rules of one shape: nothing recorded on a child's plans can be dated after the child's death.
 * Each such plan row is reported, and the child's identifiers once. Rules 4008, 4009Q (CIN plans)
 * and 8915, 8920 (CP plans) are built from it.
 */
import { NO_HITS, hit, type Located, type RuleHit } from '../../engine.js'
import type { CinDetails, CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export interface NotAfterDeath<R extends Located> {
  code: string
  type: 'error' | 'query'
  message: string
  table: CinTable
  field: string
  rows: (episode: CinDetails) => readonly R[]
  date: (row: R) => string | null
  /** How the detail names the date, e.g. `plan ended`. */
  describe: string
  /** Where the child's identifiers go among the findings (the CIN-plan rules list them first). */
  childReported: 'first' | 'last'
}

export function notAfterDeath<R extends Located>(spec: NotAfterDeath<R>): CinRule {
  return {
    code: spec.code,
    type: spec.type,
    message: spec.message,
    affects: [
      { table: 'ChildIdentifiers', fields: ['PersonDeathDate'] },
      { table: spec.table, fields: [spec.field] },
    ],
    check(child) {
      const death = child.PersonDeathDate
      if (death === null) return NO_HITS
      let hits: RuleHit<CinTable>[] | undefined
      for (const episode of child.cinDetails) {
        for (const row of spec.rows(episode)) {
          const date = spec.date(row)
          if (date === null || date <= death) continue
          ;(hits ??= []).push(hit(spec.table, row, [spec.field], `${spec.describe} ${date}, died ${death}`))
        }
      }
      if (!hits) return NO_HITS
      const identifiers = hit<CinTable>('ChildIdentifiers', child, ['PersonDeathDate'])
      if (spec.childReported === 'first') hits.unshift(identifiers)
      else hits.push(identifiers)
      return hits
    },
  }
}

/**
 * Rules of one shape: a date recorded on an episode's assessment, plan or enquiry cannot be
 * before that episode's referral. The row and its episode are both reported, each once, as the
 * DfE validators do. Rules 1103, 1104, 1105, 2889 and 4015 are built from it.
 */
import { NO_HITS, type Located, type RuleHit } from '../../engine.js'
import type { CinDetails, CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export interface NotBeforeReferral<R extends Located> {
  code: string
  message: string
  table: CinTable
  field: string
  /** The rows of the episode the date is on. */
  rows: (episode: CinDetails) => readonly R[]
  date: (row: R) => string | null
  /** How the detail names the date, e.g. `plan started`. */
  describe: string
}

export function notBeforeReferral<R extends Located>(spec: NotBeforeReferral<R>): CinRule {
  return {
    code: spec.code,
    type: 'error',
    message: spec.message,
    affects: [
      { table: spec.table, fields: [spec.field] },
      { table: 'CINdetails', fields: ['CINreferralDate'] },
    ],
    check(child) {
      let hits: RuleHit<CinTable>[] | undefined
      for (const episode of child.cinDetails) {
        const referral = episode.CINreferralDate
        if (referral === null) continue
        for (const row of spec.rows(episode)) {
          const date = spec.date(row)
          if (date === null || date >= referral) continue
          hits = hitOnce(
            hits,
            spec.table,
            row,
            [spec.field],
            `${spec.describe} ${date}, referral ${referral}`,
          )
          hits = hitOnce(hits, 'CINdetails', episode, ['CINreferralDate'])
        }
      }
      return hits ?? NO_HITS
    },
  }
}

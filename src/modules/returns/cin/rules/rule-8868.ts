/**
 * 8868: in a closed episode (a readable closure date), every section 47 enquiry must be finished
 * one way: either an initial conference date, or "ICPC not required" true (or 1). An enquiry with
 * neither, or with both, is reported, with its episode. Haven reads the flag in any case; the
 * reference takes only "true" and "1".
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable, Section47 } from '../model.js'
import type { CinRule } from '../rule.js'

function unfinished(s47: Section47): boolean {
  const notRequired = s47.ICPCnotRequired === true
  return s47.DateOfInitialCPC === null ? !notRequired : notRequired
}

export const rule8868: CinRule = {
  code: '8868',
  type: 'error',
  message:
    'CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag',
  affects: [
    { table: 'CINdetails', fields: ['CINclosureDate'] },
    { table: 'Section47', fields: ['DateOfInitialCPC', 'ICPCnotRequired'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.CINclosureDate === null) continue
      let episodeReported = false
      for (const s47 of episode.section47s) {
        if (!unfinished(s47)) continue
        hits ??= []
        if (!episodeReported) hits.push(hit('CINdetails', episode, ['CINclosureDate']))
        episodeReported = true
        hits.push(hit('Section47', s47, ['DateOfInitialCPC', 'ICPCnotRequired']))
      }
    }
    return hits ?? NO_HITS
  },
}

/**
 * 8839: within one episode, only one section 47 enquiry may be open: no initial conference date
 * and not marked "ICPC not required" (true or 1; blank counts as not marked). When two or more
 * are open, every enquiry of the episode without a conference date is reported, as in the DfE
 * validator. Haven reads the flag in any case; the reference takes only "true" and "1".
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8839: CinRule = {
  code: '8839',
  type: 'error',
  message: 'Within one CINDetails group there are 2 or more open S47 Assessments',
  affects: [{ table: 'Section47', fields: ['DateOfInitialCPC', 'ICPCnotRequired'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const enquiries = episode.section47s
      if (enquiries.length < 2) continue
      let open = 0
      for (const s of enquiries) if (s.DateOfInitialCPC === null && s.ICPCnotRequired !== true) open += 1
      if (open < 2) continue
      for (const s of enquiries) {
        if (s.DateOfInitialCPC === null) (hits ??= []).push(hit('Section47', s, ['DateOfInitialCPC']))
      }
    }
    return hits ?? NO_HITS
  },
}

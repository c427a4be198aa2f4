/**
 * 8831: a referral with no further action (ReferralNFA true or 1) cannot have activity: no
 * assessment with a start or authorisation date, no section 47 enquiry with a start date, and
 * no initial conference date on the episode. Reported on the episode and on each assessment
 * and enquiry with activity; when the episode itself records a conference date, all its
 * enquiries are reported, as in the DfE validator. Haven reads the flag in any case; the
 * reference accepts only lower-case "true" and "1".
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Assessment, CinTable, Section47 } from '../model.js'
import type { CinRule } from '../rule.js'

function assessed(a: Assessment): boolean {
  return a.AssessmentActualStartDate !== null || a.AssessmentAuthorisationDate !== null
}

function enquired(s47: Section47, conferenceOnEpisode: boolean): boolean {
  return conferenceOnEpisode || s47.S47ActualStartDate !== null
}

export const rule8831: CinRule = {
  code: '8831',
  type: 'error',
  message: 'Activity is recorded against a case marked as a referral with no further action',
  affects: [
    { table: 'CINdetails', fields: ['ReferralNFA', 'DateOfInitialCPC'] },
    { table: 'Assessments', fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'] },
    { table: 'Section47', fields: ['S47ActualStartDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.ReferralNFA !== true) continue
      const conference = episode.DateOfInitialCPC !== null
      const active =
        conference || episode.assessments.some(assessed) || episode.section47s.some((s) => enquired(s, false))
      if (!active) continue
      hits ??= []
      hits.push(hit('CINdetails', episode, ['ReferralNFA', 'DateOfInitialCPC']))
      for (const a of episode.assessments) {
        if (assessed(a)) {
          hits.push(hit('Assessments', a, ['AssessmentActualStartDate', 'AssessmentAuthorisationDate']))
        }
      }
      for (const s47 of episode.section47s) {
        if (enquired(s47, conference)) hits.push(hit('Section47', s47, ['S47ActualStartDate']))
      }
    }
    return hits ?? NO_HITS
  },
}

/**
 * 8565: nothing can happen on an episode after it closed. Against the closure date, each of
 * these being later is reported, with the episode: the episode's initial conference; an
 * assessment's start or authorisation; a section 47 enquiry's start or initial conference; a
 * child protection plan's end; a CIN plan's start or end.
 *
 * Where Haven differs from the reference validator, which is wrong here in two ways: its
 * child protection plan check runs against a fixed test table left in the rule (so CP plan end
 * dates are never checked), and it labels the CIN plan failures with the section 47 failures'
 * identifiers, which throws whenever the two counts differ, and the whole rule then reports
 * nothing for the file. Haven checks every item the DfE lists.
 */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

const after = (date: string | null, closed: string): boolean => date !== null && date > closed

export const rule8565: CinRule = {
  code: '8565',
  type: 'error',
  message: 'Activity shown after a case has been closed',
  affects: [
    { table: 'CINdetails', fields: ['CINclosureDate', 'DateOfInitialCPC'] },
    { table: 'Assessments', fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'] },
    { table: 'Section47', fields: ['S47ActualStartDate', 'DateOfInitialCPC'] },
    { table: 'ChildProtectionPlans', fields: ['CPPendDate'] },
    { table: 'CINplanDates', fields: ['CINPlanStartDate', 'CINPlanEndDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const closed = episode.CINclosureDate
      if (closed === null) continue
      let late = after(episode.DateOfInitialCPC, closed)
      for (const a of episode.assessments) {
        if (!after(a.AssessmentActualStartDate, closed) && !after(a.AssessmentAuthorisationDate, closed))
          continue
        late = true
        hits = hitOnce(hits, 'Assessments', a, ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'])
      }
      for (const s of episode.section47s) {
        if (!after(s.S47ActualStartDate, closed) && !after(s.DateOfInitialCPC, closed)) continue
        late = true
        hits = hitOnce(hits, 'Section47', s, ['S47ActualStartDate', 'DateOfInitialCPC'])
      }
      for (const p of episode.childProtectionPlans) {
        if (!after(p.CPPendDate, closed)) continue
        late = true
        hits = hitOnce(hits, 'ChildProtectionPlans', p, ['CPPendDate'])
      }
      for (const p of episode.cinPlans) {
        if (!after(p.CINPlanStartDate, closed) && !after(p.CINPlanEndDate, closed)) continue
        late = true
        hits = hitOnce(hits, 'CINplanDates', p, ['CINPlanStartDate', 'CINPlanEndDate'])
      }
      if (late)
        hits = hitOnce(
          hits,
          'CINdetails',
          episode,
          ['CINclosureDate', 'DateOfInitialCPC'],
          `closed ${closed}`,
        )
    }
    return hits ?? NO_HITS
  },
}

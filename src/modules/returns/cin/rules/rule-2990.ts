/**
 * 2990: an episode closed after assessment (RC8, RC9) cannot have gone on to child protection
 * or a CIN plan. Activity is an initial conference on the episode, or any section 47 enquiry,
 * child protection plan or CIN plan in it (assessments are expected). The episode and every
 * such row are reported.
 */
import { NO_HITS, type RuleHit } from '../../engine.js'
import { CLOSED_AFTER_ASSESSMENT } from '../codes.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule2990: CinRule = {
  code: '2990',
  type: 'error',
  message:
    "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.",
  affects: [
    { table: 'CINdetails', fields: ['ReasonForClosure', 'DateOfInitialCPC'] },
    { table: 'Section47', fields: ['S47ActualStartDate'] },
    { table: 'ChildProtectionPlans', fields: ['CPPstartDate'] },
    { table: 'CINplanDates', fields: ['CINPlanStartDate'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      if (episode.ReasonForClosure === null || !CLOSED_AFTER_ASSESSMENT.has(episode.ReasonForClosure))
        continue
      const active =
        episode.DateOfInitialCPC !== null ||
        episode.section47s.length > 0 ||
        episode.childProtectionPlans.length > 0 ||
        episode.cinPlans.length > 0
      if (!active) continue
      hits = hitOnce(hits, 'CINdetails', episode, ['ReasonForClosure', 'DateOfInitialCPC'])
      for (const s of episode.section47s) hits = hitOnce(hits, 'Section47', s, ['S47ActualStartDate'])
      for (const p of episode.childProtectionPlans)
        hits = hitOnce(hits, 'ChildProtectionPlans', p, ['CPPstartDate'])
      for (const p of episode.cinPlans) hits = hitOnce(hits, 'CINplanDates', p, ['CINPlanStartDate'])
    }
    return hits ?? NO_HITS
  },
}

/**
 * 2885: a child protection plan starts on the day of its initial conference. For each episode
 * with plans starting in the census year:
 *
 * - when the episode has section 47 enquiries that needed a conference, a plan whose start is
 *   no enquiry's conference date is reported, and when no plan matches any enquiry, those
 *   enquiries are reported too;
 * - otherwise the plans are compared with the conference date on the episode: a plan starting
 *   on another day is reported, and the episode too when no plan starts on its date (or it has
 *   none).
 *
 * Where Haven differs from the reference validator: an enquiry with ICPCnotRequired "true" is
 * treated like one with "1" (the schema's two spellings of true). The reference excludes only
 * the text "1", so with "true" it wrongly expects a conference from an enquiry that needed none.
 */
import type { IsoDate } from '../../../../platform/calendar/working-days.js'
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { ChildProtectionPlan, CinTable, Section47 } from '../model.js'
import { inCensusYear, type CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule2885: CinRule = {
  code: '2885',
  type: 'error',
  message:
    'Child protection plan shown as starting a different day to the initial child protection conference.',
  affects: [
    { table: 'ChildProtectionPlans', fields: ['CPPstartDate'] },
    { table: 'Section47', fields: ['DateOfInitialCPC'] },
    { table: 'CINdetails', fields: ['DateOfInitialCPC'] },
  ],
  check(child, ctx) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      let plans: ChildProtectionPlan[] | undefined
      for (const p of episode.childProtectionPlans) {
        if (p.CPPstartDate !== null && inCensusYear(p.CPPstartDate, ctx)) (plans ??= []).push(p)
      }
      if (!plans) continue

      let enquiries: Section47[] | undefined
      for (const s of episode.section47s) if (s.ICPCnotRequired !== true) (enquiries ??= []).push(s)

      if (enquiries) {
        const conferences = new Set<IsoDate>()
        for (const s of enquiries) if (s.DateOfInitialCPC !== null) conferences.add(s.DateOfInitialCPC)
        let anyMatch = false
        for (const p of plans) {
          if (conferences.has(p.CPPstartDate as IsoDate)) anyMatch = true
          else
            hits = hitOnce(
              hits,
              'ChildProtectionPlans',
              p,
              ['CPPstartDate'],
              `plan started ${p.CPPstartDate}`,
            )
        }
        if (!anyMatch) for (const s of enquiries) hits = hitOnce(hits, 'Section47', s, ['DateOfInitialCPC'])
      } else {
        const conference = episode.DateOfInitialCPC
        let anyMatch = false
        for (const p of plans) {
          if (p.CPPstartDate === conference) anyMatch = true
          else
            hits = hitOnce(
              hits,
              'ChildProtectionPlans',
              p,
              ['CPPstartDate'],
              `plan started ${p.CPPstartDate}`,
            )
        }
        if (!anyMatch) hits = hitOnce(hits, 'CINdetails', episode, ['DateOfInitialCPC'])
      }
    }
    return hits ?? NO_HITS
  },
}

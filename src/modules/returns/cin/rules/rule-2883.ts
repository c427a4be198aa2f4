/**
 * 2883: across the whole return, the child protection plans starting in the census year cannot
 * outnumber the initial conferences held in it. Conferences are counted wherever they are
 * recorded, on the section 47 enquiry or on the episode (a conference recorded in both places,
 * which 2884 reports, counts twice, as in the reference validator). Reported once for the return.
 */
import type { CinReturnRule } from '../rule.js'
import { inCensusYear } from '../rule.js'
import { returnLevelHit } from './shared-hits.js'

export const rule2883: CinReturnRule = {
  code: '2883',
  type: 'error',
  message: 'There are more child protection plans starting than initial conferences taking place',
  affects: [
    { table: 'ChildProtectionPlans', fields: ['CPPstartDate'] },
    { table: 'Section47', fields: ['DateOfInitialCPC'] },
    { table: 'CINdetails', fields: ['DateOfInitialCPC'] },
  ],
  scope: 'return',
  begin(ctx) {
    let plans = 0
    let conferences = 0
    return {
      see(child) {
        for (const episode of child.cinDetails) {
          if (episode.DateOfInitialCPC !== null && inCensusYear(episode.DateOfInitialCPC, ctx)) conferences++
          for (const s47 of episode.section47s) {
            if (s47.DateOfInitialCPC !== null && inCensusYear(s47.DateOfInitialCPC, ctx)) conferences++
          }
          for (const plan of episode.childProtectionPlans) {
            if (plan.CPPstartDate !== null && inCensusYear(plan.CPPstartDate, ctx)) plans++
          }
        }
      },
      finish() {
        if (plans <= conferences) return []
        return [
          returnLevelHit(
            'ChildProtectionPlans',
            ['CPPstartDate', 'DateOfInitialCPC'],
            `${plans} plans started, ${conferences} initial conferences`,
          ),
        ]
      },
    }
  },
}

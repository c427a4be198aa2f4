/**
 * 8825Q: an episode closed as "case closed after assessment" (RC8, or RC9 when referred to early
 * help) should have at least one assessment.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { CLOSED_AFTER_ASSESSMENT } from '../codes.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8825Q: CinRule = {
  code: '8825Q',
  type: 'query',
  message:
    'Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.',
  affects: [{ table: 'CINdetails', fields: ['ReasonForClosure'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const reason = episode.ReasonForClosure
      if (reason !== null && CLOSED_AFTER_ASSESSMENT.has(reason) && episode.assessments.length === 0) {
        ;(hits ??= []).push(hit('CINdetails', episode, ['ReasonForClosure'], `code ${reason}`))
      }
    }
    return hits ?? NO_HITS
  },
}

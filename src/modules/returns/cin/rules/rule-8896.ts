/**
 * 8896: within one episode, only one assessment may be open (no readable authorisation date).
 * When two or more are, every assessment of the episode is reported, as in the DfE validator.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8896: CinRule = {
  code: '8896',
  type: 'error',
  message: 'Within one CINDetails group there are 2 or more open Assessments groups',
  affects: [{ table: 'Assessments', fields: ['AssessmentAuthorisationDate'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const list = episode.assessments
      if (list.length < 2) continue
      let open = 0
      for (const a of list) if (a.AssessmentAuthorisationDate === null) open += 1
      if (open < 2) continue
      hits ??= []
      for (const a of list) hits.push(hit('Assessments', a, ['AssessmentAuthorisationDate']))
    }
    return hits ?? NO_HITS
  },
}

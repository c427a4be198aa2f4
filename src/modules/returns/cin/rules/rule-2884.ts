/**
 * 2884: an initial conference belongs either on the section 47 enquiry or on the episode, not
 * both. As in the reference validator, a conference date on any of the child's episodes that
 * equals a conference date on any of the child's enquiries is a double recording; both rows
 * are reported. (Two different dates in the two places are not this rule's concern.)
 */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule2884: CinRule = {
  code: '2884',
  type: 'error',
  message:
    'An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one',
  affects: [
    { table: 'Section47', fields: ['DateOfInitialCPC'] },
    { table: 'CINdetails', fields: ['DateOfInitialCPC'] },
  ],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const onEpisode = episode.DateOfInitialCPC
      if (onEpisode === null) continue
      for (const other of child.cinDetails) {
        for (const s47 of other.section47s) {
          if (s47.DateOfInitialCPC !== onEpisode) continue
          hits = hitOnce(hits, 'Section47', s47, ['DateOfInitialCPC'], `conference ${onEpisode}`)
          hits = hitOnce(hits, 'CINdetails', episode, ['DateOfInitialCPC'])
        }
      }
    }
    return hits ?? NO_HITS
  },
}

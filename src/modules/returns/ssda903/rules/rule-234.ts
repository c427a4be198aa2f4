/**
 * 234: a child under 10 cannot move placement because they went into custody (reason CUSTOD).
 *
 * Ambiguous: the DfE states it as "the episode after one ending CUSTOD cannot start before the
 * 10th birthday"; the community validator instead compares the start of the CUSTOD episode
 * itself. Haven takes the age on the day of the move: the next episode's start (in order of
 * start), or the CUSTOD episode's own DEC when there is no next episode. The CUSTOD episode
 * and the Header row are reported.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { dobOf, episodesByStart, isUnder } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule234: Ssda903Rule = {
  code: '234',
  type: 'error',
  message: 'A child aged under 10 can not change placement due to being admitted to custody',
  affects: [
    { table: 'Episodes', fields: ['REASON_PLACE_CHANGE'] },
    { table: 'Header', fields: ['DOB'] },
  ],
  check(child) {
    const dob = dobOf(child)
    if (dob === null) return NO_HITS
    const episodes = episodesByStart(child.current.Episodes)
    let hits: RuleHit<Ssda903Table>[] | undefined
    episodes.forEach((e, i) => {
      if (e.REASON_PLACE_CHANGE !== 'CUSTOD') return
      const moved = episodes[i + 1]?.DECOM ?? e.DEC
      if (moved !== null && isUnder(dob, 10, moved))
        (hits ??= []).push(hit('Episodes', e, ['REASON_PLACE_CHANGE'], `move on ${moved}`))
    })
    const header = child.current.Header[0]
    if (hits && header) hits.push(hit('Header', header, ['DOB']))
    return hits ?? NO_HITS
  },
}

/**
 * 336: a child placed for adoption with their current foster carers (A3, A5) comes to it from a
 * foster placement (U1–U6) or another adoption placement (A3–A6): the episode before, in order
 * of start. A child's first episode this year has no episode before it and is not checked.
 *
 * The community validator checks A3 and A4, against its own note of A3 and A5. Haven checks A3
 * and A5, the placements "with current foster carer(s)", which is what the message is about.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { episodesByStart } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const WITH_FOSTER_CARERS = new Set(['A3', 'A5'])
const FOSTER_OR_ADOPTION = new Set(['A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'])

export const rule336: Ssda903Rule = {
  code: '336',
  type: 'error',
  message: 'Child does not have a foster placement immediately prior to being placed for adoption.',
  affects: [{ table: 'Episodes', fields: ['PLACE'] }],
  check(child) {
    const episodes = episodesByStart(child.current.Episodes)
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (let i = 1; i < episodes.length; i++) {
      const e = episodes[i]
      const before = episodes[i - 1]
      if (!e || !before || e.PLACE === null || !WITH_FOSTER_CARERS.has(e.PLACE)) continue
      if (before.PLACE === null || !FOSTER_OR_ADOPTION.has(before.PLACE))
        (hits ??= []).push(hit('Episodes', e, ['PLACE']))
    }
    return hits ?? NO_HITS
  },
}

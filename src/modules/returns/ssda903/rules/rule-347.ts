/**
 * 347: a care leaver under 18 on 1 April (the collection start) is not accommodated in a foyer
 * (ACCOM T1 or T2).
 *
 * The community validator compares ACCOM with a bare `T`, which no valid code is, so it never
 * reports; Haven matches the foyer codes. Its b.7 fields (PLACE, DEC, URN) are not OC3's: Haven
 * names ACCOM and DOB.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { isUnder } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule347: Ssda903Rule = {
  code: '347',
  type: 'error',
  message: 'Care leavers aged under 18 years, can not be accommodated in a Foyer.',
  affects: [{ table: 'OC3', fields: ['ACCOM', 'DOB'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const r of child.current.OC3) {
      if (r.ACCOM?.startsWith('T') && r.DOB !== null && isUnder(r.DOB, 18, ctx.collectionStart))
        (hits ??= []).push(hit('OC3', r, ['ACCOM', 'DOB']))
    }
    return hits ?? NO_HITS
  },
}

/**
 * 331: a child is matched with adopters on or before being placed with them: AD1's DATE_MATCH
 * is not after the start of an episode that ended in adoption (REC E11 or E12).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_REC_ADOPTED } from '../codes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule331: Ssda903Rule = {
  code: '331',
  type: 'error',
  message:
    'Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.',
  affects: [
    { table: 'AD1', fields: ['DATE_MATCH'] },
    { table: 'Episodes', fields: ['DECOM', 'REC'] },
  ],
  check(child) {
    const adopted = child.current.Episodes.filter(
      (e) => e.REC !== null && SSDA903_REC_ADOPTED.has(e.REC) && e.DECOM !== null,
    )
    if (adopted.length === 0) return NO_HITS
    const ad1Hits: RuleHit<Ssda903Table>[] = []
    const episodeHits = new Set<(typeof adopted)[number]>()
    for (const ad1 of child.current.AD1) {
      const match = ad1.DATE_MATCH
      if (match === null) continue
      const late = adopted.filter((e) => match > (e.DECOM ?? match))
      if (late.length === 0) continue
      ad1Hits.push(hit('AD1', ad1, ['DATE_MATCH']))
      for (const e of late) episodeHits.add(e)
    }
    if (ad1Hits.length === 0) return NO_HITS
    return [...ad1Hits, ...[...episodeHits].map((e) => hit('Episodes', e, ['DECOM', 'REC']))]
  },
}

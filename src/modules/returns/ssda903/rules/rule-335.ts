/**
 * 335: for an episode that ended in adoption (REC E11, E12, or the older E1), AD1's FOSTER_CARE
 * agrees with the placement: not 0 when placed with the current foster carers (A2, A3, A5), not
 * 1 when not (A1, A4, A6). A1 and A2 are older codes, kept so older returns are checked too.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

const ADOPTED = new Set(['E1', 'E11', 'E12'])
const WITH_FOSTER_CARERS = new Set(['A2', 'A3', 'A5'])
const NOT_WITH_FOSTER_CARERS = new Set(['A1', 'A4', 'A6'])

export const rule335: Ssda903Rule = {
  code: '335',
  type: 'error',
  message:
    'The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current foster carer, but last placement is A1, A4 or A6.',
  affects: [
    { table: 'Episodes', fields: ['PLACE'] },
    { table: 'AD1', fields: ['FOSTER_CARE'] },
  ],
  check(child) {
    const adopted = child.current.Episodes.filter(
      (e) => e.REC !== null && ADOPTED.has(e.REC) && e.PLACE !== null,
    )
    if (adopted.length === 0) return NO_HITS
    const hits: RuleHit<Ssda903Table>[] = []
    const ad1Hit = new Set<number>()
    for (const e of adopted) {
      const place = e.PLACE ?? ''
      const wrong = child.current.AD1.filter(
        (a) =>
          (WITH_FOSTER_CARERS.has(place) && a.FOSTER_CARE === '0') ||
          (NOT_WITH_FOSTER_CARERS.has(place) && a.FOSTER_CARE === '1'),
      )
      if (wrong.length === 0) continue
      hits.push(hit('Episodes', e, ['PLACE']))
      for (const a of wrong) ad1Hit.add(a.row)
    }
    for (const a of child.current.AD1) if (ad1Hit.has(a.row)) hits.push(hit('AD1', a, ['FOSTER_CARE']))
    return hits.length > 0 ? hits : NO_HITS
  },
}

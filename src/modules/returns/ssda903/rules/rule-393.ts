/**
 * 393: a girl or young woman (SEX F) looked after other than only on short breaks (any episode
 * whose legal status is not V3 or V4, a blank one included) has MOTHER completed.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { SSDA903_SHORT_BREAK_LS } from '../codes.js'
import { isBlank, type Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule393: Ssda903Rule = {
  code: '393',
  type: 'error',
  message: 'Child is looked after but mother field is not completed.',
  affects: [
    { table: 'Header', fields: ['MOTHER'] },
    { table: 'Episodes', fields: ['LS'] },
  ],
  check(child) {
    const lookedAfter = child.current.Episodes.some((e) => e.LS === null || !SSDA903_SHORT_BREAK_LS.has(e.LS))
    if (!lookedAfter) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.SEX === 'F' && isBlank(header, 'MOTHER'))
        (hits ??= []).push(hit('Header', header, ['MOTHER']))
    }
    return hits ?? NO_HITS
  },
}

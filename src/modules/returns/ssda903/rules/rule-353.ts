/** 353: no episode starts before 14 October 1991, when the Children Act 1989 came into force. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule353: Ssda903Rule = {
  code: '353',
  type: 'error',
  message: 'No episode submitted can start before 14 October 1991.',
  affects: [{ table: 'Episodes', fields: ['DECOM'] }],
  check(child) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const e of child.current.Episodes) {
      if (e.DECOM !== null && e.DECOM < '1991-10-14') (hits ??= []).push(hit('Episodes', e, ['DECOM']))
    }
    return hits ?? NO_HITS
  },
}

/** 351: the child was not over 25 on 1 April: reported when the 25th birthday is before the collection start. */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { addYears } from '../episodes.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule351: Ssda903Rule = {
  code: '351',
  type: 'error',
  message: 'Child was over 25 at the start of the current collection year.',
  affects: [{ table: 'Header', fields: ['DOB'] }],
  check(child, ctx) {
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const header of child.current.Header) {
      if (header.DOB !== null && addYears(header.DOB, 25) < ctx.collectionStart)
        (hits ??= []).push(hit('Header', header, ['DOB']))
    }
    return hits ?? NO_HITS
  },
}
